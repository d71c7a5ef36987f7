package dev.feedlink.platform.outbox;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/** The outbox in the service's own PostgreSQL schema. */
public final class R2dbcOutbox implements Outbox {

  private final DatabaseClient db;
  private final Serializer<SpecificRecord> serializer;
  private final Runnable onCommit;

  /**
   * @param onCommit called after the transaction that published an event commits (wakes the relay)
   */
  public R2dbcOutbox(DatabaseClient db, Serializer<SpecificRecord> serializer, Runnable onCommit) {
    this.db = db;
    this.serializer = serializer;
    this.onCommit = onCommit;
  }

  @Override
  public Mono<Void> publish(String topic, String key, SpecificRecord event) {
    Schema.Field idField = event.getSchema().getField("eventId");
    Object eventId = idField == null ? null : event.get(idField.pos());
    if (eventId == null) {
      return Mono.error(
          new IllegalArgumentException(event.getSchema().getFullName() + " has no eventId"));
    }
    byte[] payload = serializer.serialize(topic, event);
    DatabaseClient.GenericExecuteSpec insert =
        db.sql(
                "INSERT INTO outbox (topic, message_key, event_id, event_type, payload)"
                    + " VALUES (:topic, :key, :eventId, :type, :payload)")
            .bind("topic", topic)
            .bind("eventId", eventId.toString())
            .bind("type", event.getSchema().getFullName())
            .bind("payload", payload);
    insert = key == null ? insert.bindNull("key", String.class) : insert.bind("key", key);
    return insert.then().then(wakeRelayAfterCommit());
  }

  @Override
  public Mono<Long> nextSequence(String key) {
    return db.sql(
            "INSERT INTO outbox_sequence (sequence_key, last_value) VALUES (:key, 1)"
                + " ON CONFLICT (sequence_key) DO UPDATE SET last_value = outbox_sequence.last_value + 1"
                + " RETURNING last_value")
        .bind("key", key)
        .map(row -> row.get(0, Long.class))
        .one();
  }

  private Mono<Void> wakeRelayAfterCommit() {
    return TransactionSynchronizationManager.forCurrentTransaction()
        .filter(TransactionSynchronizationManager::isSynchronizationActive)
        .doOnNext(
            tsm ->
                tsm.registerSynchronization(
                    new TransactionSynchronization() {
                      @Override
                      public Mono<Void> afterCommit() {
                        return Mono.fromRunnable(onCommit);
                      }
                    }))
        .switchIfEmpty(Mono.fromRunnable(onCommit))
        .onErrorResume(NoTransactionException.class, e -> Mono.fromRunnable(onCommit))
        .then();
  }
}
