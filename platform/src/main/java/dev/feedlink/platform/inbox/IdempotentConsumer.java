package dev.feedlink.platform.inbox;

import java.util.function.Supplier;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Applies an event at most once per consumer: the work and the "seen" mark share one transaction,
 * so a redelivered event (Kafka's at-least-once, an outbox re-send) changes nothing.
 */
public final class IdempotentConsumer {

  private final ProcessedEvents processed;
  private final TransactionalOperator tx;

  public IdempotentConsumer(ProcessedEvents processed, TransactionalOperator tx) {
    this.processed = processed;
    this.tx = tx;
  }

  /** Runs {@code work} unless {@code consumer} already applied {@code eventId}; emits whether it ran. */
  public Mono<Boolean> applyOnce(String consumer, String eventId, Supplier<Mono<Void>> work) {
    Mono<Boolean> once =
        processed
            .markFirstTime(consumer, eventId)
            .flatMap(first -> first ? work.get().thenReturn(true) : Mono.just(false));
    return tx.transactional(once);
  }
}
