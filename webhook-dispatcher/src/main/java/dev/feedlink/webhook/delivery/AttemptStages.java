package dev.feedlink.webhook.delivery;

import dev.feedlink.webhook.delivery.domain.AttemptOutcome;
import dev.feedlink.webhook.delivery.domain.DeliveryPolicy;
import dev.feedlink.webhook.delivery.domain.NextStep;
import dev.feedlink.webhook.delivery.domain.WebhookBody;
import dev.feedlink.webhook.delivery.domain.WebhookSignature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * One attempt of one delivery, as explicit stages:
 *
 * <ol>
 *   <li><b>prepare</b>: the body (envelope + payload) and the Standard Webhooks headers, signed with
 *       every key of the endpoint that signs now;
 *   <li><b>send</b>: one POST, with timeouts, no redirects, a capped body read, guarded addresses;
 *       its result is an {@link AttemptOutcome};
 *   <li><b>decide</b>: the {@link DeliveryPolicy} turns the outcome into a {@link NextStep};
 *   <li><b>record</b>: hands the result to the recorder, which stores it in batches.
 * </ol>
 *
 * Every attempt of a message carries the message's {@code webhook-id}.
 */
final class AttemptStages {

  private static final Logger log = LoggerFactory.getLogger(AttemptStages.class);

  private record PreparedRequest(String url, Map<String, String> headers, byte[] body) {}

  private final WebhookHttpClient http;
  private final SigningKeys keys;
  private final DeliveryPolicy policy;
  private final Clock clock;
  private final DeliveryMetrics metrics;
  private final Consumer<AttemptRecord> record;

  AttemptStages(
      WebhookHttpClient http, SigningKeys keys, DeliveryPolicy policy, Clock clock, DeliveryMetrics metrics,
      Consumer<AttemptRecord> record) {
    this.http = http;
    this.keys = keys;
    this.policy = policy;
    this.clock = clock;
    this.metrics = metrics;
    this.record = record;
  }

  /** Runs the stages; never fails (an unexpected error leaves the delivery to its lease). */
  Mono<Void> attempt(ClaimedDelivery delivery) {
    Instant attemptedAt = clock.instant();
    long started = System.nanoTime();
    return prepare(delivery, attemptedAt)
        .flatMap(this::send)
        .onErrorResume(e -> Mono.just(new AttemptOutcome.Unreachable("not sent: " + e.getMessage())))
        .map(outcome -> decide(delivery, attemptedAt, Duration.ofNanos(System.nanoTime() - started), outcome))
        .doOnNext(record)
        .then()
        .onErrorResume(e -> {
          log.error("webhook attempt of delivery {} failed unexpectedly", delivery.deliveryId(), e);
          return Mono.empty();
        });
  }

  private Mono<PreparedRequest> prepare(ClaimedDelivery d, Instant now) {
    return keys.signingAt(d.endpointId(), d.secretVersion(), now).map(signingKeys -> {
      byte[] body = WebhookBody.render(d.eventType(), d.connectionId(), d.sequence(), d.messageCreatedAt(), d.payload());
      long timestamp = now.getEpochSecond();
      Map<String, String> headers = Map.of(
          "webhook-id", d.messageId(),
          "webhook-timestamp", Long.toString(timestamp),
          "webhook-signature", WebhookSignature.header(d.messageId(), timestamp, body, signingKeys));
      return new PreparedRequest(d.url(), headers, body);
    });
  }

  private Mono<AttemptOutcome> send(PreparedRequest request) {
    return http.post(request.url(), request.headers(), request.body());
  }

  private AttemptRecord decide(ClaimedDelivery d, Instant attemptedAt, Duration took, AttemptOutcome outcome) {
    NextStep next = policy.decide(outcome, d.attemptsBefore() + 1, clock.instant(), ThreadLocalRandom.current()::nextDouble);
    metrics.attempt(outcome.name(), took);
    return new AttemptRecord(d, attemptedAt, took.toMillis(), outcome, next);
  }
}
