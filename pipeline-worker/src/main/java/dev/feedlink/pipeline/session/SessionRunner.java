package dev.feedlink.pipeline.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Claims due sessions and runs them, up to {@code concurrency} at once, each from step to step while
 * it has work due now, holding a lease it renews while it works. Several instances share the work:
 * a claim skips sessions another holds. When this instance stops it abandons what it was doing
 * (nothing half-done is committed) and, unless told to behave like a crash, hands its sessions
 * back at once; otherwise others take them when the lease lapses.
 */
public final class SessionRunner implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SessionRunner.class);

  private final Sessions sessions;
  private final SessionSteps steps;
  private final Clock clock;
  private final PipelineProperties properties;
  private final String owner;
  private final boolean releaseOnStop;
  private final Semaphore slots;
  private final Map<UUID, Disposable> running = new ConcurrentHashMap<>();
  private final PollingThread polling;
  private Instant lastRenewal = Instant.EPOCH;

  public SessionRunner(Sessions sessions, SessionSteps steps, Clock clock, PipelineProperties properties, String owner, boolean releaseOnStop) {
    this.sessions = sessions;
    this.steps = steps;
    this.clock = clock;
    this.properties = properties;
    this.owner = owner;
    this.releaseOnStop = releaseOnStop;
    this.slots = new Semaphore(properties.concurrency());
    this.polling = new PollingThread("session-runner", this::round, properties.pollInterval(), Duration.ofSeconds(1));
  }

  public String owner() {
    return owner;
  }

  /** Look for due sessions now (a session was created or answered). */
  public void wake() {
    polling.wake();
  }

  /** Claims what is due and starts it; returns how many were started. */
  int claimOnce() {
    int free = slots.availablePermits();
    if (free == 0) {
      return 0;
    }
    Instant now = clock.instant();
    List<Session> claimed = sessions.claimDue(owner, now, now.plus(properties.lease()), free, List.copyOf(running.keySet())).collectList()
        .block(Duration.ofSeconds(30));
    for (Session s : claimed) {
      slots.acquireUninterruptibly();
      // Registered before it starts, so it is never claimed again while it runs.
      Disposable.Swap work = Disposables.swap();
      running.put(s.sessionId(), work);
      work.update(runToWait(s)
          .subscribeOn(Schedulers.boundedElastic())
          .doFinally(signal -> {
            running.remove(s.sessionId());
            slots.release();
            wake();
          })
          .subscribe(null, e -> log.error("session {} runner failed", s.sessionId(), e)));
    }
    return claimed.size();
  }

  /** Step after step while the session has work due now. */
  private Mono<Void> runToWait(Session s) {
    return steps.step(s, owner).flatMap(next -> {
      boolean more = !next.isDone() && !next.step().waits() && next.dueAt() != null && !next.dueAt().isAfter(clock.instant());
      return more && polling.isActive() ? runToWait(next) : Mono.<Void>empty();
    });
  }

  private void renewLeases() {
    Instant now = clock.instant();
    if (running.isEmpty() || Duration.between(lastRenewal, now).compareTo(properties.lease().dividedBy(3)) < 0) {
      return;
    }
    sessions.renew(owner, List.copyOf(running.keySet()), now.plus(properties.lease())).block(Duration.ofSeconds(30));
    lastRenewal = now;
  }

  /** One round: keep the leases of what runs, start what is due; more at once if slots were filled. */
  private boolean round() {
    renewLeases();
    return claimOnce() > 0;
  }

  @Override
  public void start() {
    polling.start();
  }

  @Override
  public void stop() {
    polling.stop(Duration.ofSeconds(5));
    running.values().forEach(Disposable::dispose);
    if (releaseOnStop) {
      try {
        sessions.releaseAll(owner, clock.instant()).block(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        log.warn("could not hand back sessions on stop; they are taken over when their lease lapses: {}", e.toString());
      }
    }
    running.clear();
  }

  @Override
  public boolean isRunning() {
    return polling.isActive();
  }

  @Override
  public int getPhase() {
    // Before the outbox relay (which must outlive the commits) and the database.
    return Integer.MAX_VALUE - 60;
  }
}
