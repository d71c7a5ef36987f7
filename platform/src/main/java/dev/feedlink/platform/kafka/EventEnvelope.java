package dev.feedlink.platform.kafka;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** An event as consumed: the decoded record and where it came from. */
public record EventEnvelope(String topic, int partition, long offset, String key, SpecificRecord event) {

  /** The event's own id (every event has one); the idempotency key. */
  public String eventId() {
    Schema.Field field = event.getSchema().getField("eventId");
    if (field == null) {
      throw new NonRetryableEventException(where() + ": " + event.getSchema().getFullName() + " has no eventId");
    }
    return String.valueOf(event.get(field.pos()));
  }

  /** "topic partition/offset", for messages that must say where a bad event is. */
  public String where() {
    return topic + " partition " + partition + " offset " + offset;
  }
}
