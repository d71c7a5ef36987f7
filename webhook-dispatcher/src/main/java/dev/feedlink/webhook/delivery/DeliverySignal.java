package dev.feedlink.webhook.delivery;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Tells the dispatcher that deliveries may be due now (new messages committed, a lane has room, a
 * replay), so it claims at once instead of at its next poll.
 */
public final class DeliverySignal {

  private final Semaphore permits = new Semaphore(0);

  public void signal() {
    if (permits.availablePermits() == 0) {
      permits.release();
    }
  }

  /** Waits for a signal or the timeout; emits whether one came. */
  boolean await(Duration timeout) throws InterruptedException {
    boolean signalled = permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    permits.drainPermits();
    return signalled;
  }
}
