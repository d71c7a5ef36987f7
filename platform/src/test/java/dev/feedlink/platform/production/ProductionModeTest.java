package dev.feedlink.platform.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedlink.platform.crypto.SecretCipher;
import dev.feedlink.testkit.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Outside development mode a service is given only the secrets it uses: one that seals nothing
 * starts without encryption keys, and asking it for the cipher still says which setting is missing.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@IntegrationTest(
    classes = SealsNothingApplication.class,
    properties = {
      "spring.application.name=platform-production-test",
      "feedlink.development-mode=false",
      "feedlink.internal-token=production-test-token",
      "feedlink.outbox.relay-enabled=false"
    })
class ProductionModeTest {

  @Autowired ApplicationContext context;

  @Test
  void aServiceThatSealsNothingStartsWithoutEncryptionKeys() {
    assertThat(context.getBeanNamesForType(SecretCipher.class)).hasSize(1);

    assertThatThrownBy(() -> context.getBean(SecretCipher.class))
        .hasRootCauseInstanceOf(IllegalStateException.class)
        .rootCause().hasMessageContaining("FEEDLINK_CRYPTO_KEYS_K1");
  }
}
