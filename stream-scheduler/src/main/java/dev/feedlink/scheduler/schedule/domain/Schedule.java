package dev.feedlink.scheduler.schedule.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A Stream refresh schedule: which local dates it fires on (its calendar) and at what time on
 * those dates ({@link FiringTime}).
 */
public sealed interface Schedule
    permits DailySchedule, WeeklySchedule, MonthlySchedule, QuarterlySchedule, NextBillDateSchedule, ManualSchedule {

  ScheduleType type();

  FiringTime time();

  /** The first firing date on or after {@code date}; empty when the schedule never fires by itself. */
  Optional<LocalDate> firstDateOnOrAfter(LocalDate date);

  /**
   * The first firing strictly after {@code after} for the account whose jitter seed is
   * {@code seed}; empty for a schedule that never fires by itself. A scheduler that was down asks
   * with {@code after = now}, so missed periods are not replayed.
   */
  default Optional<Instant> nextAfter(Instant after, long seed) {
    Duration jitter = time().jitterFor(seed);
    // With a fixed jitter offset the firings are the calendar firings shifted by it, so look for
    // the first calendar firing after (after - jitter).
    Instant shifted = after.minus(jitter);
    LocalDate date = time().dateOf(shifted).minusDays(1);
    for (int guard = 0; guard < 3; guard++) {
      Optional<LocalDate> candidate = firstDateOnOrAfter(date);
      if (candidate.isEmpty()) {
        return Optional.empty();
      }
      Instant firing = time().on(candidate.get());
      if (firing.isAfter(shifted)) {
        return Optional.of(firing.plus(jitter));
      }
      date = candidate.get().plusDays(1);
    }
    throw new IllegalStateException("no firing found after " + after + " for " + this);
  }
}
