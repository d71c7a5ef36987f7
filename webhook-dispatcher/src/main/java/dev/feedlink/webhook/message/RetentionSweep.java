package dev.feedlink.webhook.message;

import dev.feedlink.webhook.SqlTime;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Deletes messages older than the retention period, with their deliveries and attempts, unless a
 * delivery is still pending. In chunks, so a large backlog never holds long locks.
 */
final class RetentionSweep implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);
  private static final int CHUNK = 1000;
  private static final Duration EVERY = Duration.ofMinutes(10);

  private final DatabaseClient db;
  private final Clock clock;
  private final Duration retention;
  private ScheduledExecutorService timer;

  RetentionSweep(DatabaseClient db, Clock clock, Duration retention) {
    this.db = db;
    this.clock = clock;
    this.retention = retention;
  }

  /** Deletes what has expired; emits how many messages went. */
  Mono<Long> sweep() {
    OffsetDateTime cutoff = SqlTime.of(clock.instant().minus(retention));
    Mono<Long> chunk =
        db.sql("DELETE FROM message WHERE id IN (SELECT m.id FROM message m WHERE m.created_at < :cutoff"
                + " AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.message_pk = m.id AND d.state = 'pending')"
                + " ORDER BY m.created_at LIMIT :chunk)")
            .bind("cutoff", cutoff)
            .bind("chunk", CHUNK)
            .fetch()
            .rowsUpdated();
    return chunk.expand(deleted -> deleted == CHUNK ? chunk : Mono.empty()).reduce(0L, Long::sum);
  }

  @Override
  public void start() {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "webhook-retention");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(() -> {
      try {
        Long deleted = sweep().block(Duration.ofMinutes(5));
        if (deleted != null && deleted > 0) {
          log.info("deleted {} webhook messages older than {}", deleted, retention);
        }
      } catch (RuntimeException e) {
        log.warn("webhook retention sweep failed: {}", e.toString());
      }
    }, EVERY.toSeconds(), EVERY.toSeconds(), TimeUnit.SECONDS);
  }

  @Override
  public void stop() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return timer != null && !timer.isShutdown();
  }
}
