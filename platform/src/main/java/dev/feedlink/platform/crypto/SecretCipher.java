package dev.feedlink.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets (credentials, login answers) with AES-256-GCM. New secrets use the active key;
 * secrets sealed with an older key still open as long as that key stays in the key ring, so keys
 * rotate without re-encrypting everything at once. The associated data binds a ciphertext to what it
 * belongs to (e.g. the connection id): moved to another row, it does not open.
 */
public final class SecretCipher {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final String activeKeyId;
  private final Map<String, SecretKey> keys;
  private final SecureRandom random = new SecureRandom();

  public SecretCipher(String activeKeyId, Map<String, String> base64Keys) {
    if (!base64Keys.containsKey(activeKeyId)) {
      throw new IllegalArgumentException(
          "feedlink.crypto.active-key-id '" + activeKeyId + "' is not among feedlink.crypto.keys "
              + base64Keys.keySet());
    }
    this.activeKeyId = activeKeyId;
    this.keys =
        base64Keys.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> key(e.getKey(), e.getValue())));
  }

  private static SecretKey key(String id, String base64) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("feedlink.crypto.keys." + id + " is not base64", e);
    }
    if (bytes.length != 32) {
      throw new IllegalArgumentException(
          "feedlink.crypto.keys." + id + " must be 32 bytes (AES-256), was " + bytes.length);
    }
    return new SecretKeySpec(bytes, "AES");
  }

  public String activeKeyId() {
    return activeKeyId;
  }

  public Sealed seal(byte[] plaintext, String associatedData) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      return new Sealed(activeKeyId, nonce, cipher.doFinal(plaintext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  public Sealed seal(String plaintext, String associatedData) {
    return seal(plaintext.getBytes(StandardCharsets.UTF_8), associatedData);
  }

  /** Opens a sealed secret; fails if the key is unknown or the ciphertext or its binding was altered. */
  public byte[] open(Sealed sealed, String associatedData) {
    SecretKey key = keys.get(sealed.keyId());
    if (key == null) {
      throw new SecretUnavailableException("no key '" + sealed.keyId() + "' in feedlink.crypto.keys");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(sealed.ciphertext());
    } catch (GeneralSecurityException e) {
      throw new SecretUnavailableException("secret does not open with key '" + sealed.keyId() + "'", e);
    }
  }

  public String openString(Sealed sealed, String associatedData) {
    return new String(open(sealed, associatedData), StandardCharsets.UTF_8);
  }

  /** A fresh random key, base64, for configuration. */
  public static String newKey() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
