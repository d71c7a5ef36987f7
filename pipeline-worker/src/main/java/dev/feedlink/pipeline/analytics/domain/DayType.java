package dev.feedlink.pipeline.analytics.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;

/** Households use energy differently on weekends, so daily comparisons stay within a day type. */
public enum DayType {
  WEEKDAY,
  WEEKEND;

  public static DayType of(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY ? WEEKEND : WEEKDAY;
  }
}
