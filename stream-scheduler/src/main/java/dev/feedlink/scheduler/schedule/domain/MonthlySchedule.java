package dev.feedlink.scheduler.schedule.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * On one or more days of every month. A day the month lacks (31 in April, 30 in February) falls on
 * the month's last day; days that fall on the same date (29, 30 and 31 in February) fire once.
 */
public record MonthlySchedule(SortedSet<Integer> daysOfMonth, FiringTime time) implements Schedule {

  public MonthlySchedule {
    if (daysOfMonth == null || daysOfMonth.isEmpty()) {
      throw new IllegalArgumentException("a monthly schedule needs at least one day of the month");
    }
    for (int day : daysOfMonth) {
      if (day < 1 || day > 31) {
        throw new IllegalArgumentException("day of month " + day + " is not within 1..31");
      }
    }
    daysOfMonth = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(daysOfMonth));
  }

  @Override
  public ScheduleType type() {
    return ScheduleType.MONTHLY;
  }

  @Override
  public Optional<LocalDate> firstDateOnOrAfter(LocalDate date) {
    YearMonth month = YearMonth.from(date);
    while (true) {
      for (int day : daysOfMonth) {
        LocalDate candidate = clamp(month, day);
        if (!candidate.isBefore(date)) {
          return Optional.of(candidate);
        }
      }
      month = month.plusMonths(1);
    }
  }

  /** {@code day} of {@code month}, or the month's last day when it has fewer days. */
  static LocalDate clamp(YearMonth month, int day) {
    return month.atDay(Math.min(day, month.lengthOfMonth()));
  }
}
