package dev.feedlink.webhook.message;

import dev.feedlink.webhook.message.domain.FanOut;
import dev.feedlink.webhook.message.domain.NewMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import reactor.core.publisher.Mono;

/** Where messages, their deliveries and the sequence counters are written. */
public interface MessageStore {

  /**
   * Inserts the messages not stored before (by event id and type); emits, for each inserted one,
   * its index in {@code messages} and its row key, in index order.
   */
  Mono<SortedMap<Integer, Long>> insertNew(List<NewMessage> messages);

  /** Advances each counter by its count; emits each counter's new value. */
  Mono<Map<FanOut.SequenceKey, Long>> advanceSequences(Map<FanOut.SequenceKey, Integer> counts);

  /**
   * @param messageKeys row keys of the messages the deliveries' {@code messageIndex} points into
   */
  Mono<Void> insertDeliveries(List<FanOut.PlannedDelivery> deliveries, List<Long> messageKeys, Instant now);
}
