package dev.feedlink.webhook.delivery;

import dev.feedlink.webhook.delivery.domain.FailingEndpoints;
import dev.feedlink.webhook.delivery.domain.NextStep;
import dev.feedlink.webhook.endpoint.domain.DisableReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a batch of attempt results, moving each delivery on, then acts on endpoints that must
 * stop: those that answered 410 Gone and those failing for longer than allowed.
 */
final class RecordStage {

  private static final Logger log = LoggerFactory.getLogger(RecordStage.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Deliveries deliveries;
  private final EndpointDisabling disabling;
  private final FailingEndpoints failing;
  private final Clock clock;
  private final DeliveryMetrics metrics;
  private final DeliverySignal signal;

  RecordStage(
      Deliveries deliveries, EndpointDisabling disabling, FailingEndpoints failing, Clock clock, DeliveryMetrics metrics,
      DeliverySignal signal) {
    this.deliveries = deliveries;
    this.disabling = disabling;
    this.failing = failing;
    this.clock = clock;
    this.metrics = metrics;
    this.signal = signal;
  }

  /** Throws when the batch could not be stored (the recorder tries again); never after. */
  void write(List<AttemptRecord> batch) {
    long started = System.nanoTime();
    List<Deliveries.Failing> streaks = deliveries.record(batch).block(TIMEOUT);
    if (log.isDebugEnabled()) {
      log.debug("recorded {} attempts in {} ms", batch.size(), (System.nanoTime() - started) / 1_000_000);
    }
    Instant now = clock.instant();
    Set<UUID> gone = new LinkedHashSet<>();
    boolean ordered = false;
    for (AttemptRecord a : batch) {
      ordered |= a.delivery().ordered();
      if (a.next() instanceof NextStep.Done) {
        metrics.delivered(Duration.between(a.delivery().messageCreatedAt(), now));
      } else if (a.next() instanceof NextStep.GiveUp) {
        metrics.deadLettered();
      } else if (a.next() instanceof NextStep.DisableEndpoint) {
        gone.add(a.delivery().endpointId());
      }
    }
    // The batch is stored: from here on a failure must not make the recorder write it again.
    for (UUID endpoint : gone) {
      disable(endpoint, DisableReason.GONE);
    }
    if (streaks != null) {
      for (Deliveries.Failing f : streaks) {
        if (!gone.contains(f.endpointId()) && failing.shouldDisable(f.failingSince(), now)) {
          disable(f.endpointId(), DisableReason.FAILING);
        }
      }
    }
    // A recorded ordered delivery may unblock its connection's next message. Others make nothing
    // due: waking the claim for them would only cost a query per batch.
    if (ordered) {
      signal.signal();
    }
  }

  /** Disables an endpoint; if that fails, its next failed attempt (or 410) tries again. */
  private void disable(UUID endpointId, DisableReason reason) {
    try {
      disabling.disable(endpointId, reason).block(TIMEOUT);
    } catch (RuntimeException e) {
      log.warn("could not disable webhook endpoint {} ({}): {}", endpointId, reason.wireName(), e.toString());
    }
  }
}
