package dev.feedlink.webhook.message.domain;

import dev.feedlink.webhook.endpoint.domain.EventType;
import java.time.Instant;

/**
 * A webhook to be sent to an app's endpoints, made from one event.
 *
 * @param eventId the event it came from; with the type, makes ingestion idempotent
 * @param connectionId the connection it is about, or null (e.g. endpoint.disabled)
 * @param payloadJson the body's own fields, as a JSON object (the envelope is added per delivery)
 * @param createdAt kept to the millisecond, as stored, so every attempt carries the same body
 */
public record NewMessage(
    String eventId, String appId, EventType type, String connectionId, String payloadJson, Instant createdAt) {

  public NewMessage {
    if (type.aboutAConnection() && connectionId == null) {
      throw new IllegalArgumentException(type.wireName() + " messages are about a connection");
    }
    createdAt = createdAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }
}
