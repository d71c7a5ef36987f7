package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** The account's local days: their length, the intervals the grid has in each, and what is there. */
final class LocalDays {

  private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
  private static final BigDecimal DAY_HOURS = BigDecimal.valueOf(24);

  private final ZoneId zone;
  private final IntervalGrid grid;
  private final BigDecimal minimumCoverage;

  LocalDays(ZoneId zone, IntervalGrid grid, BigDecimal minimumCoverage) {
    this.zone = zone;
    this.grid = grid;
    this.minimumCoverage = minimumCoverage;
  }

  static Instant startOf(LocalDate date, ZoneId zone) {
    return date.atStartOfDay(zone).toInstant();
  }

  /** The day's length in hours: 24, or 23 / 25 (or 23.5 / 24.5 where DST moves half an hour). */
  static BigDecimal hours(LocalDate date, ZoneId zone) {
    long seconds = startOf(date.plusDays(1), zone).getEpochSecond() - startOf(date, zone).getEpochSecond();
    return BigDecimal.valueOf(seconds).divide(SECONDS_PER_HOUR, RobustStatistics.MATH);
  }

  /** Every day from the first present interval's to the last's, with its usable readings' totals. */
  List<DailyUsage> of(List<UsableReading> usable, List<Instant> present) {
    if (grid == null || present.isEmpty()) {
      return List.of();
    }
    LocalDate first = present.get(0).atZone(zone).toLocalDate();
    LocalDate last = present.get(present.size() - 1).atZone(zone).toLocalDate();
    List<DailyUsage> days = new ArrayList<>();
    int next = 0;
    for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
      Instant end = startOf(date.plusDays(1), zone);
      long count = 0;
      BigDecimal measured = BigDecimal.ZERO;
      while (next < usable.size() && usable.get(next).start().isBefore(end)) {
        measured = measured.add(usable.get(next).usage());
        count++;
        next++;
      }
      long expected = grid.slotsBetween(startOf(date, zone), end);
      boolean enough =
          expected > 0
              && count > 0
              && BigDecimal.valueOf(count).compareTo(minimumCoverage.multiply(BigDecimal.valueOf(expected))) >= 0;
      BigDecimal usage = null;
      if (enough) {
        usage =
            count == expected
                ? measured
                : measured.multiply(BigDecimal.valueOf(expected)).divide(BigDecimal.valueOf(count), RobustStatistics.MATH);
      }
      days.add(new DailyUsage(date, DayType.of(date), hours(date, zone), expected, count, measured, usage, enough));
    }
    return days;
  }

  /** The days between the first and last present interval that are not 24 hours long. */
  List<DaylightSavingDay> daylightSavingDays(List<Instant> present) {
    if (grid == null || present.isEmpty()) {
      return List.of();
    }
    LocalDate first = present.get(0).atZone(zone).toLocalDate();
    LocalDate last = present.get(present.size() - 1).atZone(zone).toLocalDate();
    List<DaylightSavingDay> days = new ArrayList<>();
    for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
      BigDecimal hours = hours(date, zone);
      if (hours.compareTo(DAY_HOURS) != 0) {
        Instant start = startOf(date, zone);
        Instant end = startOf(date.plusDays(1), zone);
        long expected = grid.slotsBetween(start, end);
        long found = firstAtOrAfter(present, end) - firstAtOrAfter(present, start);
        days.add(new DaylightSavingDay(date, hours, expected, found, found == expected));
      }
    }
    return days;
  }

  /** Index of the first instant at or after {@code instant} in a sorted list. */
  static int firstAtOrAfter(List<Instant> sorted, Instant instant) {
    int low = 0;
    int high = sorted.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (sorted.get(middle).isBefore(instant)) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }
}
