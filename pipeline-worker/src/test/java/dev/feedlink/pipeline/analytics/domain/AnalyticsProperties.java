package dev.feedlink.pipeline.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;

class AnalyticsProperties {

  private static final LocalDate EPOCH = LocalDate.of(2020, 1, 1);

  @Provide
  Arbitrary<ZoneId> zones() {
    return Arbitraries.of(
            "America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "UTC", "Australia/Lord_Howe")
        .map(ZoneId::of);
  }

  /** Zones whose DST moves a whole hour (or not at all), so every local day is whole hours. */
  @Provide
  Arbitrary<ZoneId> wholeHourZones() {
    return Arbitraries.of("America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "UTC")
        .map(ZoneId::of);
  }

  @Provide
  Arbitrary<Duration> intervalLengths() {
    return Arbitraries.of(5, 15, 30, 60).map(Duration::ofMinutes);
  }

  /**
   * A series of a repeating daily profile (per local hour and day type) with each interval within
   * {@code noise} of it: what a steady home's meter sends when nothing is wrong.
   */
  private static List<IntervalReading> steady(
      ZoneId zone, LocalDate first, int days, Duration length, List<Integer> profile, long seed, double noise) {
    SplittableRandom random = new SplittableRandom(seed);
    Function<ZonedDateTime, BigDecimal> usage =
        local -> {
          int base = profile.get(local.getHour() + (DayType.of(local.toLocalDate()) == DayType.WEEKEND ? 24 : 0));
          long permille = Math.round(1000 * (1 + noise * (2 * random.nextDouble() - 1)));
          return BigDecimal.valueOf(base * permille, 3);
        };
    return Readings.days(zone, first, days, length, UsageUnit.WH, usage);
  }

  private static UsageSeries series(ZoneId zone, List<IntervalReading> readings, List<Bill> bills) {
    return new UsageSeries("acct-1", UsageKind.ELECTRICITY, zone, readings, bills);
  }

  @Property(tries = 60)
  void a_series_without_defects_has_no_finding(
      @ForAll("zones") ZoneId zone,
      @ForAll @IntRange(min = 0, max = 3000) int startDay,
      @ForAll @IntRange(min = 1, max = 40) int days,
      @ForAll("intervalLengths") Duration length,
      @ForAll @Size(48) List<@IntRange(min = 1, max = 3000) Integer> profile,
      @ForAll long seed) {
    List<IntervalReading> readings = steady(zone, EPOCH.plusDays(startDay), days, length, profile, seed, 0.2);

    CleaningOutcome outcome = new HistoricalDataCleaning().clean(series(zone, readings, List.of()));

    assertThat(outcome.report().findings()).isEmpty();
    assertThat(outcome.report().missingIntervals()).isZero();
    assertThat(outcome.report().daylightSavingDays()).allMatch(DaylightSavingDay::complete);
    assertThat(outcome.report().daysUsable()).isEqualTo(days);
    assertThat(outcome.usable().readings()).hasSize(readings.size());
  }

  /** A series with defects, in its time zone. */
  record Defective(ZoneId zone, List<IntervalReading> readings, long seed) {}

  @Provide
  Arbitrary<Defective> defective() {
    return Combinators.combine(
            zones(),
            Arbitraries.integers().between(0, 3000),
            Arbitraries.integers().between(1, 15),
            intervalLengths(),
            Arbitraries.integers().between(1, 3000).list().ofSize(48),
            Arbitraries.longs(),
            Arbitraries.integers().between(0, 30))
        .as(
            (zone, startDay, days, length, profile, seed, defects) ->
                new Defective(
                    zone,
                    withDefects(steady(zone, EPOCH.plusDays(startDay), days, length, profile, seed, 0.2), defects, seed),
                    seed));
  }

  @Property(tries = 60)
  void cleaning_never_changes_an_input_value_and_every_usable_value_is_an_input_value(
      @ForAll("defective") Defective generated) {
    List<IntervalReading> readings = generated.readings();
    List<IntervalReading> copy =
        readings.stream()
            .map(r -> new IntervalReading(r.start(), r.end(), new BigDecimal(r.usage().toString()), r.unit(), r.quality()))
            .toList();
    UsageSeries series = series(generated.zone(), readings, List.of());

    CleaningOutcome outcome = new HistoricalDataCleaning().clean(series);

    assertThat(series.readings()).isEqualTo(copy);
    Map<List<Instant>, List<BigDecimal>> inputValues = new HashMap<>();
    for (IntervalReading input : copy) {
      if (input.unit().convertibleTo(UsageUnit.KWH)) {
        inputValues
            .computeIfAbsent(List.of(input.start(), input.end()), span -> new ArrayList<>())
            .add(input.unit().convert(input.usage(), UsageUnit.KWH).stripTrailingZeros());
      }
    }
    for (UsableReading usable : outcome.usable().readings()) {
      assertThat(inputValues.get(List.of(usable.start(), usable.end())))
          .as("input values of %s", usable)
          .contains(usable.usage().stripTrailingZeros());
    }
    CleaningReport report = outcome.report();
    assertThat(report.readingsUsable() + report.readingsExcluded() + report.readingsCollapsed())
        .isEqualTo(report.readingsReceived());
    assertThat(report.findings().stream().filter(CleaningFinding::excludedFromAnalysis).count())
        .isLessThanOrEqualTo(report.readingsExcluded());
    Statistics.label("excluded").collect(report.readingsExcluded() > 0);
    Statistics.label("excluded").coverage(coverage -> coverage.check(true).count(n -> n > 0));
  }

  @Property(tries = 40)
  void the_order_readings_arrive_in_changes_nothing(@ForAll("defective") Defective generated) {
    List<IntervalReading> readings = generated.readings();
    ZoneId zone = generated.zone();
    List<IntervalReading> shuffled = new ArrayList<>(readings);
    Collections.shuffle(shuffled, new Random(generated.seed()));
    HistoricalDataCleaning cleaning = new HistoricalDataCleaning();

    assertThat(cleaning.clean(series(zone, shuffled, List.of()))).isEqualTo(cleaning.clean(series(zone, readings, List.of())));
  }

  @Property(tries = 40)
  void the_forecast_of_a_constant_series_is_its_rate_times_the_period_hours_with_zero_error(
      @ForAll("wholeHourZones") ZoneId zone,
      @ForAll @IntRange(min = 0, max = 3000) int startDay,
      @ForAll @IntRange(min = 30, max = 150) int days,
      @ForAll("intervalLengths") Duration length,
      @ForAll @BigRange(min = "0.001", max = "5000") @Scale(3) BigDecimal perInterval,
      @ForAll @IntRange(min = 0, max = 40) int billLength) {
    LocalDate first = EPOCH.plusDays(startDay);
    List<IntervalReading> readings = Readings.days(zone, first, days, length, UsageUnit.WH, local -> perInterval);
    List<Bill> bills =
        billLength < 20
            ? List.of()
            : List.of(
                new Bill(
                    first.atStartOfDay(zone).toInstant(),
                    first.plusDays(billLength).atStartOfDay(zone).toInstant(),
                    null,
                    null,
                    null,
                    null,
                    first.plusDays(2L * billLength)));
    UsableSeries usable = new HistoricalDataCleaning().clean(series(zone, readings, bills)).usable();

    ForecastReport report = new Forecasting().forecast(usable);

    Instant periodStart = report.periodFirstDay().atStartOfDay(zone).toInstant();
    Instant periodEnd = report.periodLastDay().plusDays(1).atStartOfDay(zone).toInstant();
    long intervals = Duration.between(periodStart, periodEnd).dividedBy(length);
    BigDecimal expected = UsageUnit.WH.convert(perInterval, UsageUnit.KWH).multiply(BigDecimal.valueOf(intervals));
    assertThat(report.forecastUsage()).isEqualByComparingTo(Figures.usage(expected));
    if (report.backtestPeriods() > 0) {
      assertThat(report.meanAbsolutePercentageError()).isEqualByComparingTo("0");
      assertThat(report.lowerBound()).isEqualByComparingTo(report.forecastUsage());
      assertThat(report.upperBound()).isEqualByComparingTo(report.forecastUsage());
    }
    assertThat(report.status()).isNotEqualTo(AnalysisStatus.INSUFFICIENT_DATA);
    Statistics.label("backtested").collect(report.backtestPeriods() > 0);
    Statistics.label("backtested").coverage(coverage -> coverage.check(true).count(n -> n > 0));
  }

  @Property(tries = 30)
  void a_steady_home_without_dst_has_no_anomalous_day(
      @ForAll @IntRange(min = 0, max = 3000) int startDay,
      @ForAll @IntRange(min = 10, max = 90) int days,
      @ForAll @Size(48) List<@IntRange(min = 1, max = 3000) Integer> profile,
      @ForAll long seed) {
    // Intervals within 5 % of the profile keep every day within 11 % of any other of its type.
    ZoneId zone = ZoneId.of("Asia/Kolkata");
    List<IntervalReading> readings = steady(zone, EPOCH.plusDays(startDay), days, Duration.ofMinutes(15), profile, seed, 0.05);

    MonitoringReport report = new Monitoring().monitor(new HistoricalDataCleaning().clean(series(zone, readings, List.of())).usable());

    assertThat(report.anomalousDays()).isEmpty();
  }

  @Property
  void percentiles_stay_within_0_and_100_and_rise_with_usage(
      @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 50) Integer> peerUsage,
      @ForAll @IntRange(min = 0, max = 60) int lower,
      @ForAll @IntRange(min = 0, max = 60) int more) {
    List<AccountUsage> peers = new ArrayList<>();
    for (int i = 0; i < peerUsage.size(); i++) {
      peers.add(new AccountUsage("peer-" + i, "utility", UsageKind.ELECTRICITY, BigDecimal.valueOf(peerUsage.get(i)), UsageUnit.KWH));
    }
    Benchmarking benchmarking = new Benchmarking();

    BenchmarkReport low = benchmarking.benchmark(new AccountUsage("me", "utility", UsageKind.ELECTRICITY, BigDecimal.valueOf(lower), UsageUnit.KWH), peers);
    BenchmarkReport high = benchmarking.benchmark(new AccountUsage("me", "utility", UsageKind.ELECTRICITY, BigDecimal.valueOf(lower + more), UsageUnit.KWH), peers);

    assertThat(low.peerCount()).isEqualTo(peers.size());
    assertThat(low.peersBelow() + low.peersEqual() + low.peersAbove()).isEqualTo(peers.size());
    if (peers.isEmpty()) {
      assertThat(low.percentile()).isNull();
      return;
    }
    assertThat(low.percentile()).isBetween(BigDecimal.ZERO, Figures.HUNDRED);
    assertThat(high.percentile()).isBetween(BigDecimal.ZERO, Figures.HUNDRED);
    assertThat(high.percentile()).isGreaterThanOrEqualTo(low.percentile());
  }

  /** Gaps, duplicates, conflicts, negatives, spikes, off-grid and odd-length readings, foreign units, estimates. */
  private static List<IntervalReading> withDefects(List<IntervalReading> clean, int defects, long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    List<IntervalReading> readings = new ArrayList<>(clean);
    for (int i = 0; i < defects && !readings.isEmpty(); i++) {
      int at = random.nextInt(readings.size());
      IntervalReading r = readings.get(at);
      Duration length = Duration.between(r.start(), r.end());
      switch (random.nextInt(9)) {
        case 0 -> readings.remove(at);
        case 1 -> readings.add(r);
        case 2 -> readings.add(IntervalReading.of(r.start(), length, r.usage().add(BigDecimal.ONE), r.unit()));
        case 3 -> readings.set(at, IntervalReading.of(r.start(), length, r.usage().negate().subtract(BigDecimal.ONE), r.unit()));
        case 4 -> readings.set(at, IntervalReading.of(r.start(), length, r.usage().multiply(BigDecimal.valueOf(100)), r.unit()));
        case 5 -> readings.add(IntervalReading.of(r.start().plusSeconds(7), length, r.usage(), r.unit()));
        case 6 -> readings.add(IntervalReading.of(r.start(), length.multipliedBy(2), r.usage(), r.unit()));
        case 7 -> readings.add(IntervalReading.of(r.start(), length, r.usage(), UsageUnit.CUBIC_METRE));
        default -> readings.set(at, new IntervalReading(r.start(), r.end(), r.usage(), r.unit(), ReadingQuality.ESTIMATED_USING_LINEAR_INTERPOLATION));
      }
    }
    return readings;
  }
}
