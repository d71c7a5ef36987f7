package dev.feedlink.webhook.message;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Lets ingestion hand the deliveries it creates straight to this instance's dispatcher: they are
 * stored already reserved (leased) for it and sent as soon as the transaction commits, with no
 * claim query in between. Only as many as the endpoint's lane has room for; the rest, retries and
 * ordered endpoints go through the claim.
 */
public interface DeliveryPrefetch {

  /** A delivery just created and reserved for this instance, with what its first attempt needs. */
  record CreatedDelivery(
      long deliveryId, UUID endpointId, String url, int secretVersion, String messageId, String eventType,
      String connectionId, Long sequence, Instant messageCreatedAt, String payload, Instant leasedUntil) {}

  /** How many of {@code wanted} new deliveries to the endpoint this instance takes at once. */
  int reserve(UUID endpointId, int wanted);

  /** Gives back reservations that were not used (the transaction failed). */
  void release(UUID endpointId, int count);

  /** The reserved deliveries, committed. */
  void accept(List<CreatedDelivery> deliveries);

  /** How long a reserved delivery stays leased to this instance. */
  Duration lease();

  /** No prefetch: every delivery waits for the claim. */
  DeliveryPrefetch NONE = new DeliveryPrefetch() {
    public int reserve(UUID endpointId, int wanted) {
      return 0;
    }

    public void release(UUID endpointId, int count) {}

    public void accept(List<CreatedDelivery> deliveries) {}

    public Duration lease() {
      return Duration.ZERO;
    }
  };
}
