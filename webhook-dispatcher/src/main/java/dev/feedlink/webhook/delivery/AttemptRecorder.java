package dev.feedlink.webhook.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes attempt results in batches: whatever has arrived while the previous batch was being
 * written goes in the next one, so the database sees one transaction per batch, not per attempt.
 * A lone result is written at once; while results keep coming, a batch waits a few milliseconds
 * more for others, which halves the statements without holding anything up (a request slot is free
 * as soon as its result is queued here). A claimed delivery stays reserved until its result is
 * written; if the process dies first, the reservation lapses and the attempt is made again.
 */
final class AttemptRecorder {

  private static final Logger log = LoggerFactory.getLogger(AttemptRecorder.class);
  private static final int MAX_BATCH = 1000;
  private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final Consumer<List<AttemptRecord>> writer;
  private final Duration errorBackoff;
  private final LinkedBlockingQueue<AttemptRecord> queue = new LinkedBlockingQueue<>();
  private volatile boolean running;
  private Thread worker;

  /** @param writer writes one batch, blocking; throws when it could not */
  AttemptRecorder(Consumer<List<AttemptRecord>> writer, Duration errorBackoff) {
    this.writer = writer;
    this.errorBackoff = errorBackoff;
  }

  void record(AttemptRecord attempt) {
    queue.add(attempt);
  }

  void start() {
    running = true;
    worker = new Thread(this::loop, "webhook-attempt-recorder");
    worker.setDaemon(true);
    worker.start();
  }

  /** Writes what is queued, then stops. */
  void stop(Duration timeout) {
    running = false;
    Thread t = worker;
    if (t != null) {
      try {
        t.join(timeout.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void gather(List<AttemptRecord> batch) throws InterruptedException {
    long until = System.nanoTime() + GATHER_NANOS;
    for (long left = GATHER_NANOS; left > 0 && batch.size() < MAX_BATCH; left = until - System.nanoTime()) {
      AttemptRecord next = queue.poll(left, TimeUnit.NANOSECONDS);
      if (next == null) {
        return;
      }
      batch.add(next);
      queue.drainTo(batch, MAX_BATCH - batch.size());
    }
  }

  private void loop() {
    List<AttemptRecord> batch = new ArrayList<>();
    while (running || !queue.isEmpty() || !batch.isEmpty()) {
      try {
        if (batch.isEmpty()) {
          AttemptRecord first = queue.poll(100, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH - 1);
          if (batch.size() > 1) {
            gather(batch);
          }
        }
        writer.accept(batch);
        batch = new ArrayList<>();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (!running) {
          log.warn("could not record {} webhook attempts before stopping; their deliveries will be attempted again: {}",
              batch.size(), e.toString());
          return;
        }
        log.warn("recording {} webhook attempts failed, retrying in {}: {}", batch.size(), errorBackoff, e.toString());
        try {
          Thread.sleep(errorBackoff.toMillis());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
