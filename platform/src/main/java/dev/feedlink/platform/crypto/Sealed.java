package dev.feedlink.platform.crypto;

/** A secret sealed by {@link SecretCipher}: the id of the key, the nonce, ciphertext + tag. */
public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {}
