package dev.feedlink.platform.kafka;

import java.util.List;
import java.util.Objects;

/**
 * A service's wish to consume some topics: declare one as a bean and the platform runs a listener
 * container for it, in the consumer group {@code <spring.application.name>.<name>}, so that the
 * instances of one service share the partitions.
 *
 * <p>Per-event subscriptions apply each event in its own transaction, exactly once per event id
 * (the id is recorded under {@code name}). Batch subscriptions hand whole polls to the handler.
 */
public record EventSubscription(
    String name, List<String> topics, int concurrency, EventHandler perEvent, BatchEventHandler batch) {

  public EventSubscription {
    Objects.requireNonNull(name, "name");
    if (topics == null || topics.isEmpty()) {
      throw new IllegalArgumentException("subscription " + name + " names no topics");
    }
    if ((perEvent == null) == (batch == null)) {
      throw new IllegalArgumentException("subscription " + name + " needs exactly one handler");
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("subscription " + name + " concurrency must be at least 1");
    }
    topics = List.copyOf(topics);
  }

  public static EventSubscription perEvent(String name, List<String> topics, EventHandler handler) {
    return new EventSubscription(name, topics, 1, handler, null);
  }

  public static EventSubscription batch(String name, List<String> topics, BatchEventHandler handler) {
    return new EventSubscription(name, topics, 1, null, handler);
  }

  public EventSubscription withConcurrency(int threads) {
    return new EventSubscription(name, topics, threads, perEvent, batch);
  }

  public boolean isBatch() {
    return batch != null;
  }
}
