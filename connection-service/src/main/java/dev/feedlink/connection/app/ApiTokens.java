package dev.feedlink.connection.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Issues API tokens and hashes them for storage and lookup. */
public final class ApiTokens {

  public static final String PREFIX = "fl_";
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final int RANDOM_CHARS = 32; // ~190 bits

  private final SecureRandom random = new SecureRandom();

  /** A new API token: "fl_" + 32 random base62 characters. Shown to its owner once, never stored. */
  public String issue() {
    return issue(PREFIX);
  }

  /** A new token with another prefix (e.g. connection tokens), as strong as an API token. */
  public String issue(String prefix) {
    StringBuilder token = new StringBuilder(prefix);
    for (int i = 0; i < RANDOM_CHARS; i++) {
      token.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return token.toString();
  }

  public static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The part of a token safe to show in listings. */
  public static String hint(String token) {
    return token.substring(0, Math.min(token.length(), PREFIX.length() + 4)) + "…";
  }
}
