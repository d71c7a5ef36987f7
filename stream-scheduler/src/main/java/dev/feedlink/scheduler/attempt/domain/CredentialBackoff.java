package dev.feedlink.scheduler.attempt.domain;

import dev.feedlink.scheduler.schedule.domain.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How a schedule backs off when refreshes keep failing to log in (40101 credentials, 40102 MFA), so
 * that a user whose password changed is not locked out by the provider for our retries.
 *
 * <p>After the n-th consecutive failure the next attempt is the schedule's first firing at or after
 * {@code failedRunScheduledFor + min(base * 2^(n-1), max)}: with the defaults (1 day, 7 days) a
 * daily schedule tries again after 1, 2, 4, 7, 7 ... days, a weekly one on its next weekday. After
 * {@code pauseAfter} consecutive failures it stops trying until the credentials are updated or a
 * login succeeds (then the schedule resumes from now). The first failure keeps the seed's
 * behaviour: the next regular run.
 */
public record CredentialBackoff(Duration base, Duration max, int pauseAfter) {

  public CredentialBackoff {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    if (base.isNegative() || max.compareTo(base) < 0 || pauseAfter < 1) {
      throw new IllegalArgumentException("need 0 <= base <= max and pauseAfter >= 1");
    }
  }

  /** Whether a schedule with this many consecutive failures is paused. */
  public boolean pauses(int consecutiveFailures) {
    return consecutiveFailures >= pauseAfter;
  }

  /** The delay after the n-th consecutive failure (n >= 1). */
  public Duration delayAfter(int consecutiveFailures) {
    Duration delay = base;
    for (int i = 1; i < consecutiveFailures && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(max) > 0 ? max : delay;
  }

  /**
   * When to try next after a failed run, or empty when paused or when the schedule never fires by
   * itself. Never earlier than just after {@code now}.
   */
  public Optional<Instant> nextAttempt(
      Schedule schedule, Instant failedRunScheduledFor, int consecutiveFailures, long seed, Instant now) {
    if (pauses(consecutiveFailures)) {
      return Optional.empty();
    }
    Instant earliest = failedRunScheduledFor.plus(delayAfter(consecutiveFailures));
    Instant from = earliest.minusNanos(1).isAfter(now) ? earliest.minusNanos(1) : now;
    return schedule.nextAfter(from, seed);
  }
}
