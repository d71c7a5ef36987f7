package dev.feedlink.scheduler.firing.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * What to do with a schedule whose run came due: fire a refresh job, or - when the previous one is
 * still in flight - record the run as skipped, so refreshes of one account never stack up. A
 * refresh in flight for longer than the in-flight timeout is taken as lost (its outcome will not
 * come): it is recorded as failed and the run fires.
 */
public sealed interface DueRun {

  /** Fire a job for the run due at {@code scheduledFor}, {@code lateBy} after it. */
  record Fire(Instant scheduledFor, Duration lateBy, boolean replacesLostJob) implements DueRun {}

  /** Skip the run due at {@code scheduledFor}: a refresh is still in flight. */
  record Skip(Instant scheduledFor) implements DueRun {}

  /**
   * @param dueAt when the run was due
   * @param inFlightSince when the refresh in flight was requested, or null when none is
   */
  static DueRun decide(Instant dueAt, Instant inFlightSince, Instant now, Duration inFlightTimeout) {
    Duration late = dueAt.isBefore(now) ? Duration.between(dueAt, now) : Duration.ZERO;
    if (inFlightSince == null) {
      return new Fire(dueAt, late, false);
    }
    if (isLost(inFlightSince, now, inFlightTimeout)) {
      return new Fire(dueAt, late, true);
    }
    return new Skip(dueAt);
  }

  /** Whether a refresh requested at {@code inFlightSince} has been in flight too long to wait for. */
  static boolean isLost(Instant inFlightSince, Instant now, Duration inFlightTimeout) {
    return !inFlightSince.plus(inFlightTimeout).isAfter(now);
  }
}
