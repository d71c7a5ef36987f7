package dev.feedlink.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

  private final String k1 = SecretCipher.newKey();
  private final String k2 = SecretCipher.newKey();

  @Test
  void aSealedSecretOpensWithItsBinding() {
    SecretCipher cipher = new SecretCipher("k1", Map.of("k1", k1));

    Sealed sealed = cipher.seal("{\"password\":\"pass_good\"}", "connection-1");

    assertThat(new String(sealed.ciphertext())).doesNotContain("pass_good");
    assertThat(sealed.keyId()).isEqualTo("k1");
    assertThat(cipher.openString(sealed, "connection-1")).isEqualTo("{\"password\":\"pass_good\"}");
  }

  @Test
  void sealingTheSameSecretTwiceGivesDifferentCiphertexts() {
    SecretCipher cipher = new SecretCipher("k1", Map.of("k1", k1));
    assertThat(cipher.seal("same", "c").ciphertext()).isNotEqualTo(cipher.seal("same", "c").ciphertext());
  }

  @Test
  void aSecretMovedToAnotherConnectionDoesNotOpen() {
    SecretCipher cipher = new SecretCipher("k1", Map.of("k1", k1));
    Sealed sealed = cipher.seal("secret", "connection-1");

    assertThatThrownBy(() -> cipher.open(sealed, "connection-2")).isInstanceOf(SecretUnavailableException.class);
  }

  @Test
  void aTamperedCiphertextDoesNotOpen() {
    SecretCipher cipher = new SecretCipher("k1", Map.of("k1", k1));
    Sealed sealed = cipher.seal("secret", "c");
    sealed.ciphertext()[0] ^= 1;

    assertThatThrownBy(() -> cipher.open(sealed, "c")).isInstanceOf(SecretUnavailableException.class);
  }

  @Test
  void afterRotationOldSecretsStillOpenAndNewOnesUseTheNewKey() {
    Sealed old = new SecretCipher("k1", Map.of("k1", k1)).seal("old", "c");
    SecretCipher rotated = new SecretCipher("k2", Map.of("k1", k1, "k2", k2));

    assertThat(rotated.openString(old, "c")).isEqualTo("old");
    assertThat(rotated.seal("new", "c").keyId()).isEqualTo("k2");
  }

  @Test
  void aSecretWhoseKeyWasRemovedSaysWhichKeyIsMissing() {
    Sealed old = new SecretCipher("k1", Map.of("k1", k1)).seal("old", "c");
    SecretCipher withoutK1 = new SecretCipher("k2", Map.of("k2", k2));

    assertThatThrownBy(() -> withoutK1.open(old, "c")).hasMessageContaining("no key 'k1'");
  }

  @Test
  void misconfiguredKeysAreRefusedWithTheSettingToFix() {
    assertThatThrownBy(() -> new SecretCipher("k9", Map.of("k1", k1))).hasMessageContaining("feedlink.crypto.active-key-id");
    assertThatThrownBy(() -> new SecretCipher("k1", Map.of("k1", "c2hvcnQ="))).hasMessageContaining("must be 32 bytes");
    assertThatThrownBy(() -> new CryptoProperties("k1", Map.of()).cipher(false)).hasMessageContaining("FEEDLINK_CRYPTO_KEYS_K1");
    assertThat(new CryptoProperties("k1", Map.of()).cipher(true).activeKeyId()).isEqualTo("k1");
  }
}
