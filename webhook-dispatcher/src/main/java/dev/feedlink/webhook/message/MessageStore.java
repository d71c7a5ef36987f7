package dev.feedlink.webhook.message;

import dev.feedlink.webhook.message.domain.NewMessage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import reactor.core.publisher.Mono;

/** Where messages, their deliveries and the sequence counters are written. */
public interface MessageStore {

  /**
   * A delivery to create for {@code messages.get(message)}. A pending one is due at once, or
   * reserved for this instance when {@code leased}; a failed one (its endpoint is disabled) is a
   * dead letter from the start. One about a connection is numbered by its endpoint's counter for
   * that connection, in the order given.
   */
  record NewDelivery(int message, UUID endpointId, String connectionId, boolean pending, boolean ordered, boolean leased) {}

  /** A delivery created: its index among those given, its id, its message's webhook-id and its number. */
  record Created(int delivery, long deliveryId, String messageId, Long sequence) {}

  /**
   * Stores the messages not stored before (by event id and type), numbers and stores the
   * deliveries of those, all at once; the deliveries of messages stored before are skipped.
   * Emits the deliveries created, in the order given.
   */
  Mono<List<Created>> store(List<NewMessage> messages, List<NewDelivery> deliveries, Instant now, Instant leasedUntil);
}
