package dev.feedlink.platform.inbox;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The event ids each consumer has applied. Marking happens in the transaction that applies the
 * event, so an event is either applied and marked, or neither.
 */
public final class ProcessedEvents {

  private final DatabaseClient db;

  public ProcessedEvents(DatabaseClient db) {
    this.db = db;
  }

  /** Marks the event as applied by {@code consumer}; emits false when it had been already. */
  public Mono<Boolean> markFirstTime(String consumer, String eventId) {
    return db.sql(
            "INSERT INTO processed_event (consumer, event_id) VALUES (:consumer, :eventId)"
                + " ON CONFLICT DO NOTHING")
        .bind("consumer", consumer)
        .bind("eventId", eventId)
        .fetch()
        .rowsUpdated()
        .map(inserted -> inserted > 0);
  }
}
