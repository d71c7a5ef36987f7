package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Hand-built interval data for tests: every interval on the instant grid between local midnights. */
final class Readings {

  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final Duration QUARTER_HOUR = Duration.ofMinutes(15);
  static final Duration HOUR = Duration.ofHours(1);

  /** Intervals of {@code length} from local midnight of {@code first} for {@code days} days. */
  static List<IntervalReading> days(
      ZoneId zone,
      LocalDate first,
      int days,
      Duration length,
      UsageUnit unit,
      Function<ZonedDateTime, BigDecimal> usage) {
    Instant start = first.atStartOfDay(zone).toInstant();
    Instant end = first.plusDays(days).atStartOfDay(zone).toInstant();
    return between(start, end, length, unit, instant -> usage.apply(instant.atZone(zone)));
  }

  static List<IntervalReading> between(
      Instant start, Instant end, Duration length, UsageUnit unit, Function<Instant, BigDecimal> usage) {
    List<IntervalReading> readings = new ArrayList<>();
    for (Instant at = start; at.isBefore(end); at = at.plus(length)) {
      readings.add(IntervalReading.of(at, length, usage.apply(at), unit));
    }
    return readings;
  }

  /** A constant usage for every interval. */
  static Function<ZonedDateTime, BigDecimal> constant(String value) {
    BigDecimal usage = new BigDecimal(value);
    return local -> usage;
  }

  /**
   * A household-like quarter-hour profile in Wh: low at night, a morning and an evening peak,
   * more at weekends; the same every week, so nothing in it is an outlier or anomaly.
   */
  static BigDecimal household(ZonedDateTime local) {
    int hour = local.getHour();
    int base = hour < 6 ? 80 : hour < 9 ? 300 : hour < 17 ? 150 : hour < 22 ? 400 : 120;
    boolean weekend = DayType.of(local.toLocalDate()) == DayType.WEEKEND;
    return weekend ? BigDecimal.valueOf(base).multiply(new BigDecimal("1.25")) : BigDecimal.valueOf(base);
  }

  static UsageSeries electricity(List<IntervalReading> readings) {
    return new UsageSeries("acct-1", UsageKind.ELECTRICITY, NEW_YORK, readings, List.of());
  }

  static UsageSeries electricity(List<IntervalReading> readings, List<Bill> bills) {
    return new UsageSeries("acct-1", UsageKind.ELECTRICITY, NEW_YORK, readings, bills);
  }

  /** The usable view Historical Data Cleaning (default settings) makes of New York electricity. */
  static UsableSeries usable(List<IntervalReading> readings) {
    return new HistoricalDataCleaning().clean(electricity(readings)).usable();
  }

  static UsableSeries usable(List<IntervalReading> readings, List<Bill> bills) {
    return new HistoricalDataCleaning().clean(electricity(readings, bills)).usable();
  }

  /** {@code usage} scaled by {@code factor} on the local dates listed. */
  static Function<ZonedDateTime, BigDecimal> scaledOn(
      Function<ZonedDateTime, BigDecimal> usage, String factor, LocalDate... dates) {
    List<LocalDate> scaled = List.of(dates);
    BigDecimal by = new BigDecimal(factor);
    return local -> scaled.contains(local.toLocalDate()) ? usage.apply(local).multiply(by) : usage.apply(local);
  }

  static Instant at(String localDateTime) {
    return java.time.LocalDateTime.parse(localDateTime).atZone(NEW_YORK).toInstant();
  }

  static List<IntervalReading> without(List<IntervalReading> readings, Instant... starts) {
    List<Instant> removed = List.of(starts);
    return readings.stream().filter(r -> !removed.contains(r.start())).toList();
  }

  static List<IntervalReading> replacing(List<IntervalReading> readings, Instant start, IntervalReading replacement) {
    return readings.stream().map(r -> r.start().equals(start) ? replacement : r).toList();
  }

  static List<IntervalReading> plus(List<IntervalReading> readings, IntervalReading... extra) {
    List<IntervalReading> all = new ArrayList<>(readings);
    all.addAll(List.of(extra));
    return all;
  }

  private Readings() {}
}
