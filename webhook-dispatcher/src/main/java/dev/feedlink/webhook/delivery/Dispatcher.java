package dev.feedlink.webhook.delivery;

import dev.feedlink.webhook.WebhookProperties;
import dev.feedlink.webhook.delivery.domain.DeliveryPolicy;
import dev.feedlink.webhook.delivery.domain.FailingEndpoints;
import dev.feedlink.webhook.message.DeliveryPrefetch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Delivers webhooks. A loop claims due deliveries from PostgreSQL (retries when their time comes
 * by the clock; fresh ones the moment ingestion wakes it, unless ingestion already handed them
 * over leased) and gives each to its endpoint's lane, which runs the {@link AttemptStages} with at
 * most a few requests in flight per endpoint; results are stored in batches by the
 * {@link RecordStage}.
 *
 * <p>Nothing lives only in memory: a delivery is stored before it is sent, and one claimed here
 * and not recorded when the process dies is due again once its reservation lapses. On a graceful
 * stop, claimed deliveries never started are given back at once.
 */
public final class Dispatcher implements SmartLifecycle, DeliveryPrefetch {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);

  private final Deliveries deliveries;
  private final WebhookProperties properties;
  private final Clock clock;
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
    this.properties = properties;
    this.clock = clock;
    this.signal = signal;
    this.recorder = new AttemptRecorder(
        new RecordStage(deliveries, disabling, failing, clock, metrics, signal)::write, ERROR_BACKOFF);
    AttemptStages stages = new AttemptStages(http, keys, policy, clock, metrics, recorder::record);
    this.lanes = new EndpointLanes(
        properties.maxInFlightPerEndpoint(), properties.endpointCapacity(), stages::attempt, signal::signal, clock,
        properties.attemptBudget(), metrics::leaseLapsing);
    // Room for several endpoints' full lanes, so that a few slow ones cannot hold all of it.
    this.maxHeld = Math.max(properties.claimBatch() * 4, properties.endpointCapacity() * 8);
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
      // Only unordered endpoints' deliveries are handed over (ordered ones wait for the claim).
      lanes.submitReserved(new ClaimedDelivery(c.deliveryId(), 1, 0, "event", c.endpointId(), c.url(), c.secretVersion(),
          c.messageId(), c.eventType(), c.connectionId(), c.sequence(), c.messageCreatedAt(), c.payload(), c.leasedUntil(), false));
    }
  }

  @Override
  public Duration lease() {
    return properties.claimLease();
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
