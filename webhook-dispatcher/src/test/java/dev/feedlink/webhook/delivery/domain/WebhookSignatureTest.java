package dev.feedlink.webhook.delivery.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedlink.webhook.endpoint.domain.SigningSecret;
import dev.feedlink.webhook.support.StandardWebhooksVerifier;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Signing against the published test vectors of the Standard Webhooks specification (the
 * standard-webhooks repository's libraries all test these values: Java, Go, JavaScript).
 */
class WebhookSignatureTest {

  static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  static final long SPEC_TIMESTAMP = 1614265330;
  static final byte[] SPEC_PAYLOAD = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
  static final String SPEC_WRONG_SIGNATURE = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";

  @Test
  void signsTheSpecificationsTestVectorExactly() {
    byte[] key = SigningSecret.parse(SPEC_SECRET).key();

    assertThat(WebhookSignature.sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_PAYLOAD, key)).isEqualTo(SPEC_SIGNATURE);
  }

  @Test
  void aSecretReadsTheSameWithOrWithoutItsPrefix() {
    assertThat(SigningSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isEqualTo(SigningSecret.parse(SPEC_SECRET));
    assertThat(SigningSecret.parse(SPEC_SECRET).serialized()).isEqualTo(SPEC_SECRET);
  }

  @Test
  void theReceiverCheckAcceptsTheVectorAndRefusesTheSpecsInvalidCases() {
    StandardWebhooksVerifier receiver = new StandardWebhooksVerifier(SPEC_SECRET);
    Instant at = Instant.ofEpochSecond(SPEC_TIMESTAMP);
    String ts = String.valueOf(SPEC_TIMESTAMP);

    assertThat(receiver.verifies(SPEC_ID, ts, SPEC_SIGNATURE, SPEC_PAYLOAD, at)).isTrue();
    assertThat(receiver.verifies(SPEC_ID, ts, SPEC_WRONG_SIGNATURE, SPEC_PAYLOAD, at)).isFalse();
    assertThat(receiver.verifies(SPEC_ID, ts, "v2," + SPEC_SIGNATURE.substring(3), SPEC_PAYLOAD, at)).isFalse();
    assertThat(receiver.verifies(SPEC_ID, ts, "v1,", SPEC_PAYLOAD, at)).isFalse();
    assertThat(receiver.verifies(SPEC_ID, ts, null, SPEC_PAYLOAD, at)).isFalse();
    assertThat(receiver.verifies(null, ts, SPEC_SIGNATURE, SPEC_PAYLOAD, at)).isFalse();
    assertThat(receiver.verifies(SPEC_ID, "hello", SPEC_SIGNATURE, SPEC_PAYLOAD, at)).isFalse();
    assertThat(receiver.verifies(SPEC_ID, ts, SPEC_SIGNATURE, SPEC_PAYLOAD, at.plusSeconds(5 * 60 + 1))).isFalse();
    assertThat(receiver.verifies(SPEC_ID, ts, SPEC_SIGNATURE, SPEC_PAYLOAD, at.minusSeconds(5 * 60 + 1))).isFalse();
    String multi = String.join(" ", SPEC_WRONG_SIGNATURE, "v2," + SPEC_WRONG_SIGNATURE.substring(3), SPEC_SIGNATURE, SPEC_WRONG_SIGNATURE);
    assertThat(receiver.verifies(SPEC_ID, ts, multi, SPEC_PAYLOAD, at)).isTrue();
  }

  @Test
  void duringARotationBothSecretsSignAndEitherVerifies() {
    SecureRandom random = new SecureRandom();
    SigningSecret current = SigningSecret.generate(random);
    SigningSecret previous = SigningSecret.generate(random);
    byte[] body = "{\"type\":\"connection.status_changed\"}".getBytes(StandardCharsets.UTF_8);

    String header = WebhookSignature.header("msg_1", SPEC_TIMESTAMP, body, List.of(current.key(), previous.key()));

    assertThat(header.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
    Instant at = Instant.ofEpochSecond(SPEC_TIMESTAMP);
    String ts = String.valueOf(SPEC_TIMESTAMP);
    assertThat(new StandardWebhooksVerifier(current.serialized()).verifies("msg_1", ts, header, body, at)).isTrue();
    assertThat(new StandardWebhooksVerifier(previous.serialized()).verifies("msg_1", ts, header, body, at)).isTrue();
    assertThat(new StandardWebhooksVerifier(SigningSecret.generate(random).serialized()).verifies("msg_1", ts, header, body, at)).isFalse();
  }

  @Test
  void aGeneratedSecretIsWhsecAndThirtyTwoRandomBytes() {
    SigningSecret secret = SigningSecret.generate(new SecureRandom());

    assertThat(secret.serialized()).startsWith("whsec_");
    assertThat(secret.key()).hasSize(32);
    assertThat(secret.toString()).doesNotContain(secret.serialized().substring(6));
  }

  @Test
  void refusesSecretsTheSpecificationDoesNotAllowAndIdsWithADot() {
    assertThatThrownBy(() -> SigningSecret.parse("whsec_c2hvcnQ=")).isInstanceOf(IllegalArgumentException.class);
    byte[] key = SigningSecret.parse(SPEC_SECRET).key();
    assertThatThrownBy(() -> WebhookSignature.sign("msg.1", 1, SPEC_PAYLOAD, key)).isInstanceOf(IllegalArgumentException.class);
  }
}
