package dev.feedlink.webhook.endpoint.domain;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * An endpoint's HMAC-SHA256 signing key, shown to its owner as {@code whsec_} + base64 of the key
 * bytes (the Standard Webhooks serialization).
 */
public final class SigningSecret {

  public static final String PREFIX = "whsec_";
  /** The specification asks for at least 24 random bytes and at most 64. */
  public static final int MIN_BYTES = 24;

  public static final int MAX_BYTES = 64;
  private static final int GENERATED_BYTES = 32;

  private final byte[] key;

  private SigningSecret(byte[] key) {
    if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "a signing secret has " + MIN_BYTES + " to " + MAX_BYTES + " bytes, not " + key.length);
    }
    this.key = key.clone();
  }

  public static SigningSecret generate(SecureRandom random) {
    byte[] key = new byte[GENERATED_BYTES];
    random.nextBytes(key);
    return new SigningSecret(key);
  }

  public static SigningSecret ofKey(byte[] key) {
    return new SigningSecret(key);
  }

  /** Reads {@code whsec_<base64>} (the prefix is optional, as receivers' libraries accept). */
  public static SigningSecret parse(String serialized) {
    String base64 = serialized.startsWith(PREFIX) ? serialized.substring(PREFIX.length()) : serialized;
    return new SigningSecret(Base64.getDecoder().decode(base64));
  }

  public byte[] key() {
    return key.clone();
  }

  public String serialized() {
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SigningSecret s && Arrays.equals(key, s.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return "SigningSecret[redacted]";
  }
}
