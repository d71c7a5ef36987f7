package dev.feedlink.webhook.delivery;

import dev.feedlink.webhook.WebhookProperties;
import dev.feedlink.webhook.delivery.domain.AttemptOutcome;
import dev.feedlink.webhook.delivery.domain.DeliveryPolicy;
import dev.feedlink.webhook.delivery.domain.FailingEndpoints;
import dev.feedlink.webhook.delivery.domain.NextStep;
import dev.feedlink.webhook.delivery.domain.WebhookBody;
import dev.feedlink.webhook.delivery.domain.WebhookSignature;
import dev.feedlink.webhook.endpoint.domain.DisableReason;
import dev.feedlink.webhook.message.DeliveryPrefetch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;

/**
 * Delivers webhooks. A loop claims due deliveries from PostgreSQL (fresh ones at once when woken,
 * retries when their time comes by the clock) and hands each to its endpoint's lane; each attempt
 * then runs through explicit stages:
 *
 * <ol>
 *   <li><b>prepare</b>: the body (envelope + payload) and the Standard Webhooks headers, signed with
 *       every key of the endpoint that signs now;
 *   <li><b>send</b>: one POST, with timeouts, no redirects, a capped body read, guarded addresses;
 *       its result is an {@link AttemptOutcome};
 *   <li><b>decide</b>: the {@link DeliveryPolicy} turns the outcome into a {@link NextStep};
 *   <li><b>record</b>: attempts are written in batches, moving each delivery on; endpoints that
 *       answered 410 or have failed too long are disabled and their app told.
 * </ol>
 *
 * Every attempt of a message carries the message's {@code webhook-id}, so a receiver can drop
 * repeats. Nothing lives only in memory: a delivery claimed here and not recorded when the process
 * dies is due again once its reservation lapses.
 */
public final class Dispatcher implements SmartLifecycle, DeliveryPrefetch {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);

  private record PreparedRequest(String url, Map<String, String> headers, byte[] body) {}

  private final Deliveries deliveries;
  private final WebhookHttpClient http;
  private final SigningKeys keys;
  private final DeliveryPolicy policy;
  private final FailingEndpoints failing;
  private final EndpointDisabling disabling;
  private final WebhookProperties properties;
  private final Clock clock;
  private final DeliveryMetrics metrics;
  private final DeliverySignal signal;
  private final EndpointLanes lanes;
  private final AttemptRecorder recorder;
  private final int maxHeld;
  private volatile boolean running;
  private Thread loop;

  Dispatcher(
      Deliveries deliveries,
      WebhookHttpClient http,
      SigningKeys keys,
      DeliveryPolicy policy,
      FailingEndpoints failing,
      EndpointDisabling disabling,
      WebhookProperties properties,
      Clock clock,
      DeliveryMetrics metrics,
      DeliverySignal signal) {
    this.deliveries = deliveries;
    this.http = http;
    this.keys = keys;
    this.policy = policy;
    this.failing = failing;
    this.disabling = disabling;
    this.properties = properties;
    this.clock = clock;
    this.metrics = metrics;
    this.signal = signal;
    this.lanes = new EndpointLanes(
        properties.maxInFlightPerEndpoint(), properties.endpointCapacity(), this::attempt, signal::signal);
    this.recorder = new AttemptRecorder(this::write, ERROR_BACKOFF);
    this.maxHeld = Math.max(properties.claimBatch() * 4, properties.endpointCapacity());
  }

  /** Deliveries held in memory right now (running or waiting in a lane). */
  public int held() {
    return lanes.load();
  }

  // --- claiming --------------------------------------------------------------------------------

  private void claimLoop() {
    while (running) {
      try {
        int room = Math.min(properties.claimBatch(), maxHeld - lanes.load());
        int claimed = room > 0 ? claimOnce(room) : 0;
        if (claimed < room || room <= 0) {
          signal.await(properties.pollInterval());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        log.warn("claiming webhook deliveries failed, retrying in {}: {}", ERROR_BACKOFF, e.toString());
        try {
          signal.await(ERROR_BACKOFF);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private int claimOnce(int limit) {
    Instant now = clock.instant();
    long started = System.nanoTime();
    List<ClaimedDelivery> claimed =
        deliveries
            .claim(now, now.plus(properties.claimLease()), limit, properties.endpointCapacity(), lanes.roomLeft())
            .block(Duration.ofSeconds(30));
    if (claimed == null) {
      return 0;
    }
    if (log.isDebugEnabled()) {
      log.debug("claimed {} deliveries in {} ms", claimed.size(), (System.nanoTime() - started) / 1_000_000);
    }
    claimed.forEach(lanes::submit);
    return claimed.size();
  }

  // --- deliveries handed over by ingestion, already leased to this instance -------------------

  @Override
  public int reserve(UUID endpointId, int wanted) {
    return running ? lanes.reserve(endpointId, wanted) : 0;
  }

  @Override
  public void release(UUID endpointId, int count) {
    lanes.release(endpointId, count);
  }

  @Override
  public void accept(List<CreatedDelivery> created) {
    for (CreatedDelivery c : created) {
      lanes.submitReserved(new ClaimedDelivery(c.deliveryId(), 1, 0, "event", c.endpointId(), c.url(), c.secretVersion(),
          c.messageId(), c.eventType(), c.connectionId(), c.sequence(), c.messageCreatedAt(), c.payload()));
    }
  }

  @Override
  public Duration lease() {
    return properties.claimLease();
  }

  // --- the stages of one attempt ---------------------------------------------------------------

  private Mono<Void> attempt(ClaimedDelivery delivery) {
    Instant attemptedAt = clock.instant();
    long started = System.nanoTime();
    return prepare(delivery, attemptedAt)
        .flatMap(this::send)
        .onErrorResume(e -> Mono.just(new AttemptOutcome.Unreachable("not sent: " + e.getMessage())))
        .map(outcome -> decide(delivery, attemptedAt, Duration.ofNanos(System.nanoTime() - started), outcome))
        .doOnNext(recorder::record)
        .then()
        .onErrorResume(e -> {
          // Left claimed: the reservation lapses and the attempt is made again.
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

  /** The record stage, for one batch: store, then act on endpoints that must stop. */
  private void write(List<AttemptRecord> batch) {
    long started = System.nanoTime();
    List<Deliveries.Failing> streaks = deliveries.record(batch).block(Duration.ofSeconds(30));
    if (log.isDebugEnabled()) {
      log.debug("recorded {} attempts in {} ms", batch.size(), (System.nanoTime() - started) / 1_000_000);
    }
    Instant now = clock.instant();
    Set<UUID> gone = new LinkedHashSet<>();
    for (AttemptRecord a : batch) {
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
    // Recorded deliveries may unblock the next message of an ordered connection.
    signal.signal();
  }

  /** Disables an endpoint; if that fails, its next failed attempt (or 410) tries again. */
  private void disable(UUID endpointId, DisableReason reason) {
    try {
      disabling.disable(endpointId, reason).block(Duration.ofSeconds(30));
    } catch (RuntimeException e) {
      log.warn("could not disable webhook endpoint {} ({}): {}", endpointId, reason.wireName(), e.toString());
    }
  }

  // --- lifecycle -------------------------------------------------------------------------------

  @Override
  public synchronized void start() {
    running = true;
    recorder.start();
    loop = new Thread(this::claimLoop, "webhook-dispatcher");
    loop.setDaemon(true);
    loop.start();
  }

  /** Stops claiming, lets requests in flight finish (up to the request timeout), records them. */
  @Override
  public synchronized void stop() {
    running = false;
    signal.signal();
    Thread t = loop;
    try {
      if (t != null) {
        t.join(Duration.ofSeconds(30).toMillis());
      }
      giveBackWaiting();
      Instant deadline = Instant.now().plus(properties.requestTimeout()).plus(properties.connectTimeout());
      while (lanes.load() > 0 && Instant.now().isBefore(deadline)) {
        signal.await(Duration.ofMillis(20));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    recorder.stop(Duration.ofSeconds(10));
  }

  /** Deliveries claimed but not started go back at once, instead of when their lease lapses. */
  private void giveBackWaiting() {
    List<ClaimedDelivery> waiting = lanes.drainWaiting();
    if (waiting.isEmpty()) {
      return;
    }
    try {
      deliveries.unclaim(waiting.stream().map(ClaimedDelivery::deliveryId).toList(), clock.instant())
          .block(Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      log.warn("could not give back {} unsent webhook deliveries; they are due again when their lease lapses: {}",
          waiting.size(), e.toString());
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // Stops after the Kafka listeners (which feed it) and before the database pool closes.
    return Integer.MAX_VALUE - 100;
  }
}
