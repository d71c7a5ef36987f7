package dev.feedlink.platform.kafka;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Applies a batch of events at once, for consumers where throughput matters. The handler is
 * responsible for its own idempotency (e.g. natural-key upserts or an event-id column).
 */
@FunctionalInterface
public interface BatchEventHandler {
  Mono<Void> handle(List<EventEnvelope> batch);
}
