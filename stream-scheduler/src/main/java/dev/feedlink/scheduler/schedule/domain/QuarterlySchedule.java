package dev.feedlink.scheduler.schedule.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;

/**
 * Once a quarter: on {@code dayOfMonth} of the {@code monthOfQuarter}-th month of each quarter
 * (1 = January, April, July, October). A day the month lacks falls on its last day: day 30 of the
 * second month fires on the last day of February, and on 30 May, August and November.
 */
public record QuarterlySchedule(int monthOfQuarter, int dayOfMonth, FiringTime time) implements Schedule {

  public QuarterlySchedule {
    if (monthOfQuarter < 1 || monthOfQuarter > 3) {
      throw new IllegalArgumentException("month of quarter " + monthOfQuarter + " is not within 1..3");
    }
    if (dayOfMonth < 1 || dayOfMonth > 31) {
      throw new IllegalArgumentException("day of month " + dayOfMonth + " is not within 1..31");
    }
  }

  @Override
  public ScheduleType type() {
    return ScheduleType.QUARTERLY;
  }

  @Override
  public Optional<LocalDate> firstDateOnOrAfter(LocalDate date) {
    int quarterStart = (date.getMonthValue() - 1) / 3 * 3 + 1;
    YearMonth month = YearMonth.of(date.getYear(), quarterStart).plusMonths(monthOfQuarter - 1);
    while (true) {
      LocalDate candidate = MonthlySchedule.clamp(month, dayOfMonth);
      if (!candidate.isBefore(date)) {
        return Optional.of(candidate);
      }
      month = month.plusMonths(3);
    }
  }
}
