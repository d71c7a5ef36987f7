package dev.feedlink.webhook.delivery.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The JSON body of a webhook: our envelope ({@code type}, {@code connection_id}, the endpoint's
 * per-connection {@code sequence}, {@code created_at}) followed by the message's own fields. The
 * payload is stored once per message; the sequence differs per endpoint, so the body is put
 * together per delivery, the same bytes at every attempt.
 */
public final class WebhookBody {

  private WebhookBody() {}

  /**
   * @param payloadJson a JSON object with the message's fields
   * @param connectionId null for messages about no connection (then no sequence either)
   */
  public static byte[] render(String type, String connectionId, Long sequence, Instant createdAt, String payloadJson) {
    String payload = payloadJson.strip();
    if (!payload.startsWith("{") || !payload.endsWith("}")) {
      throw new IllegalArgumentException("a webhook payload is a JSON object");
    }
    StringBuilder body = new StringBuilder(payload.length() + 160);
    body.append("{\"type\":").append(quote(type));
    if (connectionId != null) {
      body.append(",\"connection_id\":").append(quote(connectionId));
      if (sequence != null) {
        body.append(",\"sequence\":").append(sequence.longValue());
      }
    }
    body.append(",\"created_at\":").append(quote(createdAt.toString()));
    String fields = payload.substring(1, payload.length() - 1).strip();
    if (!fields.isEmpty()) {
      body.append(',').append(fields);
    }
    return body.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
