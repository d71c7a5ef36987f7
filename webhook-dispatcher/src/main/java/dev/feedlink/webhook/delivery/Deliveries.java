package dev.feedlink.webhook.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Mono;

/** Due deliveries and the record of their attempts. */
public interface Deliveries {

  /**
   * Reserves due deliveries of enabled endpoints until {@code leaseUntil}, at most
   * {@code capacity} per endpoint (less where {@code roomLeft} says so), at most {@code limit} in
   * all. For ordered endpoints only the first pending delivery of each connection is due. Rows
   * another instance is claiming are skipped, not waited for.
   */
  Mono<List<ClaimedDelivery>> claim(Instant now, Instant leaseUntil, int limit, int capacity, Map<UUID, Integer> roomLeft);

  /** Gives claimed deliveries that were never attempted back: due at {@code now} for any instance. */
  Mono<Void> unclaim(List<Long> deliveryIds, Instant now);

  /** An endpoint with no success since {@code failingSince}. */
  record Failing(UUID endpointId, Instant failingSince) {}

  /**
   * Stores the attempts and moves their deliveries on, in one transaction; tracks each endpoint's
   * failing streak. Emits the endpoints failing after this batch.
   */
  Mono<List<Failing>> record(List<AttemptRecord> attempts);
}
