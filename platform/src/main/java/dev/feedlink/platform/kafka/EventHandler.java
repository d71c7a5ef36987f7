package dev.feedlink.platform.kafka;

import reactor.core.publisher.Mono;

/** Applies one event. Runs inside the transaction that marks the event as processed. */
@FunctionalInterface
public interface EventHandler {
  Mono<Void> handle(EventEnvelope envelope);
}
