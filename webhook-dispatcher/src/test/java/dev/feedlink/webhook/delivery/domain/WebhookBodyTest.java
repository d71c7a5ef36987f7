package dev.feedlink.webhook.delivery.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookBodyTest {

  static final Instant AT = Instant.parse("2024-12-15T12:00:00Z");

  @Test
  void putsTheEnvelopeBeforeThePayloadsOwnFields() {
    byte[] body = WebhookBody.render("stream.no_new_data", "c-1", 7L, AT,
        "{\"account_id\":\"123456789\",\"status\":\"no_new_data\",\"last_refresh\":\"2023-01-01T00:00:00Z\"}");

    assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(
        "{\"type\":\"stream.no_new_data\",\"connection_id\":\"c-1\",\"sequence\":7,\"created_at\":\"2024-12-15T12:00:00Z\","
            + "\"account_id\":\"123456789\",\"status\":\"no_new_data\",\"last_refresh\":\"2023-01-01T00:00:00Z\"}");
  }

  @Test
  void aMessageAboutNoConnectionHasNeitherConnectionNorSequence() {
    byte[] body = WebhookBody.render("endpoint.disabled", null, null, AT, "{}");

    assertThat(new String(body, StandardCharsets.UTF_8))
        .isEqualTo("{\"type\":\"endpoint.disabled\",\"created_at\":\"2024-12-15T12:00:00Z\"}");
  }

  @Test
  void quotesWhatItEmbeds() {
    assertThat(WebhookBody.quote("a\"b\\c\n\u0001")).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\"");
  }
}
