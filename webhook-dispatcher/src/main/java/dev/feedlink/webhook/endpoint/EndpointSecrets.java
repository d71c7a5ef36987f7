package dev.feedlink.webhook.endpoint;

import dev.feedlink.platform.crypto.Sealed;
import dev.feedlink.platform.crypto.SecretCipher;
import dev.feedlink.webhook.endpoint.domain.SigningSecret;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Makes signing secrets and seals them at rest with the platform's cipher, bound to their endpoint
 * (a sealed secret copied to another endpoint's row does not open).
 */
public final class EndpointSecrets {

  private final SecretCipher cipher;
  private final SecureRandom random = new SecureRandom();

  public EndpointSecrets(SecretCipher cipher) {
    this.cipher = cipher;
  }

  public SigningSecret generate() {
    return SigningSecret.generate(random);
  }

  public Sealed seal(UUID endpointId, SigningSecret secret) {
    return cipher.seal(secret.key(), endpointId.toString());
  }

  public SigningSecret open(UUID endpointId, Sealed sealed) {
    return SigningSecret.ofKey(cipher.open(sealed, endpointId.toString()));
  }
}
