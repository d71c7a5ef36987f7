package dev.feedlink.pipeline.session;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon thread that does a piece of work again and again: at once while the work says there is
 * more, otherwise after {@code interval} or when woken; after a failure (the database or Kafka
 * away) it waits {@code errorPause} and carries on.
 */
final class PollingThread {

  private static final Logger log = LoggerFactory.getLogger(PollingThread.class);

  private final String name;
  private final BooleanSupplier work;
  private final Duration interval;
  private final Duration errorPause;
  private final Semaphore wake = new Semaphore(0);
  private volatile boolean active;
  private volatile Thread thread;

  /** @param work one round; returns true when there is more to do at once */
  PollingThread(String name, BooleanSupplier work, Duration interval, Duration errorPause) {
    this.name = name;
    this.work = work;
    this.interval = interval;
    this.errorPause = errorPause;
  }

  void wake() {
    if (wake.availablePermits() == 0) {
      wake.release();
    }
  }

  boolean isActive() {
    return active;
  }

  synchronized void start() {
    active = true;
    thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops the loop and waits for the round in progress to end. */
  synchronized void stop(Duration wait) {
    active = false;
    Thread t = thread;
    if (t != null) {
      wake();
      try {
        t.join(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void loop() {
    while (active) {
      try {
        if (!work.getAsBoolean()) {
          wake.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (!active) {
          return;
        }
        log.warn("{} failed, trying again in {}: {}", name, errorPause, e.toString());
        wake.drainPermits();
        try {
          wake.tryAcquire(errorPause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
