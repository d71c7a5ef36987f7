package dev.feedlink.platform.crypto;

import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Keys that seal credentials and login answers, at rest and in events.
 *
 * @param activeKeyId the key new secrets are sealed with
 * @param keys key id to base64 AES-256 key; keep retired keys here until nothing sealed with them
 *     remains. With none configured, a service that seals secrets starts only in development mode,
 *     with a built-in public key; one that seals nothing needs none.
 */
@Validated
@ConfigurationProperties("feedlink.crypto")
public record CryptoProperties(
    @DefaultValue("k1") @NotBlank String activeKeyId,
    Map<String, String> keys) {

  /** Public on purpose: it protects nothing, and the service refuses it unless explicitly allowed. */
  public static final String DEVELOPMENT_KEY = "ZmVlZGxpbmstZGV2ZWxvcG1lbnQta2V5LTMyYnl0ZSE=";

  public SecretCipher cipher(boolean developmentMode) {
    if (keys == null || keys.isEmpty()) {
      if (!developmentMode) {
        throw new IllegalStateException(
            "no feedlink.crypto.keys configured: set FEEDLINK_CRYPTO_KEYS_K1 to a base64 AES-256 key"
                + " (e.g. `openssl rand -base64 32`), or feedlink.development-mode=true for local use");
      }
      return new SecretCipher(activeKeyId, Map.of(activeKeyId, DEVELOPMENT_KEY));
    }
    return new SecretCipher(activeKeyId, keys);
  }
}
