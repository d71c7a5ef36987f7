package dev.feedlink.scheduler.firing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Fires due schedules for as long as the service runs: batch after batch while whole batches come
 * back, else it waits until the earliest schedule comes due (at most the poll interval, so schedules
 * set by other instances and clock changes are noticed). Several threads fire at once (each claims
 * other rows, as other instances do), so one batch's round trips overlap another's work.
 */
public final class FiringLoop implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(FiringLoop.class);
  private static final Duration BLOCK_LIMIT = Duration.ofMinutes(2);
  private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);

  private final Firing firing;
  private final Clock clock;
  private final Duration pollInterval;
  private final int batchSize;
  private final boolean enabled;
  private final int threads;
  private final Semaphore wake = new Semaphore(0);
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean running;

  FiringLoop(Firing firing, Clock clock, Duration pollInterval, int batchSize, int threads, boolean enabled) {
    this.firing = firing;
    this.clock = clock;
    this.pollInterval = pollInterval;
    this.batchSize = batchSize;
    this.threads = threads;
    this.enabled = enabled;
  }

  /** Looks for due schedules now (e.g. one was just set to fire soon). */
  public void wake() {
    if (wake.availablePermits() < threads) {
      wake.release(threads - wake.availablePermits());
    }
  }

  private void loop() {
    while (running) {
      try {
        Integer handled = firing.fireDue().block(BLOCK_LIMIT);
        if (handled != null && handled >= batchSize) {
          continue;
        }
        long waitMillis = pollInterval.toMillis();
        Instant earliest = firing.earliestDue().block(BLOCK_LIMIT);
        if (earliest != null) {
          waitMillis = Math.max(0, Math.min(waitMillis, Duration.between(clock.instant(), earliest).toMillis()));
        }
        if (waitMillis > 0) {
          wake.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        log.warn("firing due schedules failed, retrying in {}", ERROR_PAUSE, e);
        try {
          Thread.sleep(ERROR_PAUSE.toMillis());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Override
  public synchronized void start() {
    running = true;
    for (int i = 0; i < threads; i++) {
      Thread worker = new Thread(this::loop, "stream-firing-" + i);
      worker.setDaemon(true);
      worker.start();
      workers.add(worker);
    }
  }

  @Override
  public synchronized void stop() {
    running = false;
    wake();
    for (Thread worker : workers) {
      try {
        worker.join(BLOCK_LIMIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    workers.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public boolean isAutoStartup() {
    return enabled;
  }

  @Override
  public int getPhase() {
    // After the outbox relay has started, before it stops.
    return Integer.MAX_VALUE - 60;
  }
}
