package dev.feedlink.platform.outbox;

import org.apache.avro.specific.SpecificRecord;
import reactor.core.publisher.Mono;

/**
 * Publishes events the only safe way: as rows written in the caller's database transaction, relayed
 * to Kafka afterwards by {@link OutboxRelay}. If the transaction rolls back, the event never
 * existed; if the process dies after the commit, the relay sends it on restart.
 */
public interface Outbox {

  /**
   * Adds {@code event} for {@code topic} with the given message key, within the current reactive
   * transaction if there is one. The event's {@code eventId} field identifies it to consumers.
   */
  Mono<Void> publish(String topic, String key, SpecificRecord event);

  /**
   * The next value of a gap-free counter (1, 2, 3, ...), e.g. the per-connection {@code sequence}
   * of events. Taken in the caller's transaction, so a rollback returns the number and concurrent
   * callers for one key queue behind the first.
   */
  Mono<Long> nextSequence(String key);
}
