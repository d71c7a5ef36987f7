package dev.feedlink.webhook.message;

import dev.feedlink.webhook.message.domain.FanOut;
import dev.feedlink.webhook.message.domain.NewMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import reactor.core.publisher.Mono;

/** Where messages, their deliveries and the sequence counters are written. */
public interface MessageStore {

  /** A stored message: its row key and its webhook-id. */
  record StoredMessage(long key, String messageId) {}

  /**
   * A delivery to insert. A pending one is due at {@code nextAttemptAt}; a failed one (its endpoint
   * is disabled) is a dead letter from the start.
   */
  record NewDelivery(
      long messageKey, UUID endpointId, String connectionId, Long sequence, boolean pending, boolean ordered,
      Instant nextAttemptAt) {}

  /** A delivery's identity: one per message and endpoint. */
  record DeliveryKey(long messageKey, UUID endpointId) {}

  /**
   * Inserts the messages not stored before (by event id and type); emits, for each inserted one,
   * its index in {@code messages}, in index order.
   */
  Mono<SortedMap<Integer, StoredMessage>> insertNew(List<NewMessage> messages);

  /** Advances each counter by its count; emits each counter's new value. */
  Mono<Map<FanOut.SequenceKey, Long>> advanceSequences(Map<FanOut.SequenceKey, Integer> counts);

  /** Emits the new deliveries' ids. */
  Mono<Map<DeliveryKey, Long>> insertDeliveries(List<NewDelivery> deliveries, Instant now);
}
