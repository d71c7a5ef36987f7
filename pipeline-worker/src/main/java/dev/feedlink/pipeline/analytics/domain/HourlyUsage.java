package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * One complete local clock hour: every interval of the grid in it is usable. The autumn DST day
 * has two hours that read 01:00 locally; each is its own hour (they differ in offset).
 */
record HourlyUsage(ZonedDateTime start, DayType dayType, BigDecimal usage) {

  /**
   * The complete hours of a series whose intervals divide an hour (readings sorted by start); none
   * for longer intervals, which cannot say what happened within an hour.
   */
  static List<HourlyUsage> completeHours(UsableSeries series) {
    long length = series.intervalSeconds();
    List<HourlyUsage> hours = new ArrayList<>();
    if (length <= 0 || length > 3600 || 3600 % length != 0) {
      return hours;
    }
    ZoneId zone = series.zone();
    long perHour = 3600 / length;
    ZonedDateTime current = null;
    Instant currentEnd = null;
    BigDecimal sum = BigDecimal.ZERO;
    long count = 0;
    for (UsableReading reading : series.readings()) {
      if (current == null || !reading.start().isBefore(currentEnd)) {
        if (current != null && count == perHour) {
          hours.add(new HourlyUsage(current, DayType.of(current.toLocalDate()), sum));
        }
        current = reading.start().atZone(zone).truncatedTo(ChronoUnit.HOURS);
        currentEnd = current.toInstant().plusSeconds(3600);
        sum = BigDecimal.ZERO;
        count = 0;
      }
      sum = sum.add(reading.usage());
      count++;
    }
    if (current != null && count == perHour) {
      hours.add(new HourlyUsage(current, DayType.of(current.toLocalDate()), sum));
    }
    return hours;
  }
}
