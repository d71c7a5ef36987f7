package dev.feedlink.webhook.delivery;

import dev.feedlink.webhook.endpoint.domain.DisableReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Prometheus names: {@code feedlink_webhooks_attempts_total{outcome}},
 * {@code feedlink_webhooks_attempt_duration_seconds}, {@code feedlink_webhooks_delivery_lag_seconds}
 * (message created to delivered), {@code feedlink_webhooks_dead_lettered_total},
 * {@code feedlink_webhooks_endpoints_disabled_total{reason}}, {@code feedlink_webhooks_held},
 * {@code feedlink_webhooks_lease_lapsing_total} (claimed deliveries left unstarted because their
 * reservation would lapse mid-attempt; they are claimed again, so a steady rise means lanes drain
 * slower than the lease allows).
 */
final class DeliveryMetrics {

  private final MeterRegistry meters;
  private final Timer duration;
  private final Timer lag;
  private final Counter deadLettered;
  private final Counter leaseLapsing;
  private final java.util.Map<String, Counter> attempts = new java.util.concurrent.ConcurrentHashMap<>();

  DeliveryMetrics(MeterRegistry meters, Supplier<Number> held) {
    this.meters = meters;
    this.duration = Timer.builder("feedlink.webhooks.attempt.duration").description("HTTP exchange of one attempt").register(meters);
    this.lag = Timer.builder("feedlink.webhooks.delivery.lag").description("message created to delivered")
        .publishPercentiles(0.5, 0.99).register(meters);
    this.deadLettered = Counter.builder("feedlink.webhooks.dead_lettered").description("deliveries given up").register(meters);
    this.leaseLapsing = Counter.builder("feedlink.webhooks.lease_lapsing")
        .description("claimed deliveries not started because their reservation would lapse mid-attempt").register(meters);
    meters.gauge("feedlink.webhooks.held", java.util.List.of(), held, s -> s.get().doubleValue());
  }

  void attempt(String outcome, Duration took) {
    attempts.computeIfAbsent(outcome, o -> meters.counter("feedlink.webhooks.attempts", "outcome", o)).increment();
    duration.record(took);
  }

  void delivered(Duration sinceCreated) {
    lag.record(sinceCreated.isNegative() ? Duration.ZERO : sinceCreated);
  }

  void deadLettered() {
    deadLettered.increment();
  }

  void leaseLapsing() {
    leaseLapsing.increment();
  }

  void endpointDisabled(DisableReason reason) {
    meters.counter("feedlink.webhooks.endpoints.disabled", "reason", reason.wireName()).increment();
  }
}
