package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

/**
 * The forecasting model: mean usage per hour of the usable days of each day type in a lookback
 * window. A day type with no day in the window borrows the other's rate.
 */
record DayTypeRates(BigDecimal weekday, BigDecimal weekend) {

  /** The rates from the usable days in [{@code cutoff - lookbackDays}, {@code cutoff}), or null if none. */
  static DayTypeRates before(NavigableMap<LocalDate, DailyUsage> usable, LocalDate cutoff, int lookbackDays) {
    List<BigDecimal> weekdays = new ArrayList<>();
    List<BigDecimal> weekends = new ArrayList<>();
    for (DailyUsage day : usable.subMap(cutoff.minusDays(lookbackDays), true, cutoff, false).values()) {
      BigDecimal rate = day.usage().divide(day.hours(), RobustStatistics.MATH);
      (day.dayType() == DayType.WEEKDAY ? weekdays : weekends).add(rate);
    }
    if (weekdays.isEmpty() && weekends.isEmpty()) {
      return null;
    }
    BigDecimal weekday = weekdays.isEmpty() ? null : RobustStatistics.mean(weekdays);
    BigDecimal weekend = weekends.isEmpty() ? null : RobustStatistics.mean(weekends);
    return new DayTypeRates(weekday == null ? weekend : weekday, weekend == null ? weekday : weekend);
  }

  /** The usage predicted for a day of {@code hours} hours. */
  BigDecimal predict(DayType dayType, BigDecimal hours) {
    return (dayType == DayType.WEEKDAY ? weekday : weekend).multiply(hours, RobustStatistics.MATH);
  }
}
