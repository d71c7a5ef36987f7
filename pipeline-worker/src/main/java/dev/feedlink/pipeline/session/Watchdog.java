package dev.feedlink.pipeline.session;

import dev.feedlink.pipeline.session.domain.Failure;
import dev.feedlink.pipeline.session.domain.FailureReason;
import dev.feedlink.schemas.SessionStatusCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;

/**
 * Times out sessions that did not change status within the stall timeout: Timed Out (23, STALLED,
 * retryable). Whoever holds such a session (a stuck worker, nobody after a crash, a provider that
 * never called back) loses it: its later commit finds the session changed.
 */
public final class Watchdog implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
  private static final int BATCH = 100;

  private final Sessions sessions;
  private final SessionCommits commits;
  private final Clock clock;
  private final PipelineProperties properties;
  private final PollingThread polling;

  public Watchdog(Sessions sessions, SessionCommits commits, Clock clock, PipelineProperties properties) {
    this.sessions = sessions;
    this.commits = commits;
    this.clock = clock;
    this.properties = properties;
    this.polling = new PollingThread("session-watchdog", () -> sweep() == BATCH, properties.watchdogInterval(), properties.watchdogInterval());
  }

  /** Times out what has stalled; returns how many sessions it ended. */
  public int sweep() {
    Instant before = clock.instant().minus(properties.stallTimeout());
    Long ended = sessions.stalledCandidates(before, BATCH)
        .concatMap(s -> commits.fail(s, null, SessionStatusCode.TIMED_OUT, Failure.retryable(FailureReason.STALLED,
                "the session did not move for " + properties.stallTimeout() + " (last status " + s.status().code() + " "
                    + s.status().statusName() + ")"))
            .onErrorResume(Sessions.ChangedMeanwhile.class, e -> Mono.empty()))
        .count()
        .block(Duration.ofMinutes(1));
    if (ended != null && ended > 0) {
      log.warn("watchdog timed out {} stalled session(s)", ended);
    }
    return ended == null ? 0 : ended.intValue();
  }

  @Override
  public void start() {
    polling.start();
  }

  @Override
  public void stop() {
    polling.stop(Duration.ofSeconds(5));
  }

  @Override
  public boolean isRunning() {
    return polling.isActive();
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 60;
  }
}
