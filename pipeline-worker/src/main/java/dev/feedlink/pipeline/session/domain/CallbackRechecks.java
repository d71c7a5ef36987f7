package dev.feedlink.pipeline.session.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When to ask a provider again for data it still prepares. Once it has called back to say the data
 * is ready, an answer that still says "preparing" is the provider's replicas lagging its callback:
 * ask again soon, backing off (1, 2, 4, 8 and 16 s after the callback), for a bounded while;
 * otherwise, and after that while, at the regular poll interval.
 */
public final class CallbackRechecks {

  static final Duration FIRST = Duration.ofSeconds(1);
  static final Duration LAG_BOUND = Duration.ofSeconds(15);

  private CallbackRechecks() {}

  /**
   * @param calledBackAt when the provider called back, or null if it has not
   * @param pollInterval the regular interval between asks while waiting for the callback
   */
  public static Duration after(Instant calledBackAt, Instant now, Duration pollInterval) {
    if (calledBackAt == null) {
      return pollInterval;
    }
    Duration since = Duration.between(calledBackAt, now);
    if (since.isNegative() || since.compareTo(LAG_BOUND) >= 0) {
      return pollInterval;
    }
    // Waiting as long again as has passed since the callback doubles the wait each time.
    Duration wait = since.compareTo(FIRST) < 0 ? FIRST : since;
    return wait.compareTo(pollInterval) > 0 ? pollInterval : wait;
  }
}
