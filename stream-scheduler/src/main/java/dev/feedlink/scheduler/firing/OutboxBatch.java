package dev.feedlink.scheduler.firing;

import java.util.Base64;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Writes many events of one topic and type to the platform's outbox table in one statement, in the
 * caller's transaction. The platform's {@code Outbox.publish} costs a round trip per event; firing a
 * thousand schedules per transaction needs one. Rows keep their order (the relay sends by id).
 */
final class OutboxBatch {

  /** One event and its message key. */
  record Entry(String key, String eventId, SpecificRecord event) {}

  private final DatabaseClient db;
  private final Serializer<SpecificRecord> serializer;

  OutboxBatch(DatabaseClient db, Serializer<SpecificRecord> serializer) {
    this.db = db;
    this.serializer = serializer;
  }

  Mono<Void> publish(String topic, List<Entry> entries) {
    if (entries.isEmpty()) {
      return Mono.empty();
    }
    String type = entries.get(0).event().getSchema().getFullName();
    String[] keys = new String[entries.size()];
    String[] ids = new String[entries.size()];
    String[] payloads = new String[entries.size()];
    Base64.Encoder base64 = Base64.getEncoder();
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      keys[i] = e.key();
      ids[i] = e.eventId();
      payloads[i] = base64.encodeToString(serializer.serialize(topic, e.event()));
    }
    return db.sql(
            "INSERT INTO outbox (topic, message_key, event_id, event_type, payload)"
                + " SELECT :topic, u.k, u.e, :type, decode(u.p, 'base64')"
                + " FROM unnest(CAST(:keys AS text[]), CAST(:ids AS text[]), CAST(:payloads AS text[])) WITH ORDINALITY AS u(k, e, p, n)"
                + " ORDER BY u.n")
        .bind("topic", topic)
        .bind("type", type)
        .bind("keys", keys)
        .bind("ids", ids)
        .bind("payloads", payloads)
        .then();
  }
}
