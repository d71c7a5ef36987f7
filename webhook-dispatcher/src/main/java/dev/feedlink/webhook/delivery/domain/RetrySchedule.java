package dev.feedlink.webhook.delivery.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed delivery again. {@code delays.get(0)} is the wait before the first attempt;
 * after the n-th failed attempt the wait is {@code delays.get(n)}, spread by ±{@code jitter} so
 * that many messages failing together do not come back as one wave. A receiver's
 * {@code Retry-After} pushes the next attempt later (never earlier), up to {@code retryAfterMax}.
 * When the delays run out, the delivery is given up.
 */
public record RetrySchedule(List<Duration> delays, double jitter, Duration retryAfterMax) {

  public RetrySchedule {
    if (delays.isEmpty()) {
      throw new IllegalArgumentException("a retry schedule needs at least the first attempt");
    }
    if (jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException("jitter must be in [0, 1)");
    }
    delays = List.copyOf(delays);
  }

  /** How many attempts a delivery gets in one round. */
  public int attempts() {
    return delays.size();
  }

  public Duration firstDelay() {
    return delays.get(0);
  }

  /**
   * The time of the next attempt after {@code attemptsMade} attempts have failed, or empty when
   * the schedule is exhausted.
   *
   * @param retryAfter what the receiver asked for, or null
   * @param random uniform in [0, 1)
   */
  public Optional<Instant> nextAttempt(int attemptsMade, Instant now, Duration retryAfter, DoubleSupplier random) {
    if (attemptsMade >= delays.size()) {
      return Optional.empty();
    }
    Duration base = delays.get(attemptsMade);
    double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
    Duration delay = Duration.ofMillis(Math.round(base.toMillis() * factor));
    if (retryAfter != null && !retryAfter.isNegative()) {
      Duration asked = retryAfter.compareTo(retryAfterMax) > 0 ? retryAfterMax : retryAfter;
      if (asked.compareTo(delay) > 0) {
        delay = asked;
      }
    }
    return Optional.of(now.plus(delay));
  }
}
