package dev.feedlink.pipeline.analytics.domain;

import static dev.feedlink.pipeline.analytics.domain.Readings.HOUR;
import static dev.feedlink.pipeline.analytics.domain.Readings.NEW_YORK;
import static dev.feedlink.pipeline.analytics.domain.Readings.QUARTER_HOUR;
import static dev.feedlink.pipeline.analytics.domain.Readings.at;
import static dev.feedlink.pipeline.analytics.domain.Readings.electricity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HistoricalDataCleaningTest {

  private final HistoricalDataCleaning cleaning = new HistoricalDataCleaning();

  // Two full weeks of quarter-hours in Wh, Monday 2026-02-02 to Sunday 2026-02-15.
  private final List<IntervalReading> twoWeeks =
      Readings.days(NEW_YORK, LocalDate.of(2026, 2, 2), 14, QUARTER_HOUR, UsageUnit.WH, Readings::household);

  @Test
  void a_clean_series_has_no_finding_and_its_usable_view_is_every_reading_in_kilowatt_hours() {
    CleaningOutcome outcome = cleaning.clean(electricity(twoWeeks));

    CleaningReport report = outcome.report();
    assertThat(report.findings()).isEmpty();
    assertThat(report.findingCounts()).hasSize(FindingKind.values().length).allMatch(count -> count.count() == 0);
    assertThat(report.unit()).isEqualTo("kWh");
    assertThat(report.intervalSeconds()).isEqualTo(900L);
    assertThat(report.readingsReceived()).isEqualTo(14 * 96);
    assertThat(report.readingsUsable()).isEqualTo(14 * 96);
    assertThat(report.readingsExcluded()).isZero();
    assertThat(report.expectedIntervals()).isEqualTo(14 * 96);
    assertThat(report.missingIntervals()).isZero();
    assertThat(report.firstIntervalStart()).isEqualTo(at("2026-02-02T00:00"));
    assertThat(report.lastIntervalEnd()).isEqualTo(at("2026-02-16T00:00"));
    assertThat(report.daysCovered()).isEqualTo(14);
    assertThat(report.daysUsable()).isEqualTo(14);

    UsableSeries usable = outcome.usable();
    assertThat(usable.unit()).isEqualTo(UsageUnit.KWH);
    assertThat(usable.readings()).hasSize(14 * 96);
    assertThat(usable.readings().get(0).usage()).isEqualByComparingTo("0.080");
    assertThat(usable.readings().get(0).start()).isEqualTo(at("2026-02-02T00:00"));
    // Monday: 24 x 80 + 12 x 300 + 32 x 150 + 20 x 400 + 8 x 120 Wh.
    DailyUsage monday = usable.days().get(0);
    assertThat(monday.date()).isEqualTo(LocalDate.of(2026, 2, 2));
    assertThat(monday.dayType()).isEqualTo(DayType.WEEKDAY);
    assertThat(monday.usage()).isEqualByComparingTo("19.280");
    assertThat(monday.hours()).isEqualByComparingTo("24");
    assertThat(usable.days().get(5).dayType()).isEqualTo(DayType.WEEKEND);
  }

  @Test
  void an_empty_series_gives_an_empty_report_and_view() {
    CleaningOutcome outcome = cleaning.clean(electricity(List.of()));

    assertThat(outcome.report().findings()).isEmpty();
    assertThat(outcome.report().intervalSeconds()).isNull();
    assertThat(outcome.report().unit()).isEqualTo("kWh");
    assertThat(outcome.usable().readings()).isEmpty();
    assertThat(outcome.usable().days()).isEmpty();
  }

  @Nested
  class Daylight_saving_days {

    @Test
    void the_spring_day_of_92_quarter_hours_is_complete_not_a_gap() {
      List<IntervalReading> readings =
          Readings.days(NEW_YORK, LocalDate.of(2026, 3, 6), 4, QUARTER_HOUR, UsageUnit.WH, Readings.constant("100"));

      CleaningOutcome outcome = cleaning.clean(electricity(readings));

      assertThat(readings).hasSize(96 + 96 + 92 + 96);
      assertThat(outcome.report().findingsOf(FindingKind.GAP)).isEmpty();
      assertThat(outcome.report().missingIntervals()).isZero();
      assertThat(outcome.report().daylightSavingDays())
          .containsExactly(new DaylightSavingDay(LocalDate.of(2026, 3, 8), new BigDecimal("23"), 92, 92, true));
      DailyUsage sunday = outcome.usable().days().get(2);
      assertThat(sunday.expectedIntervals()).isEqualTo(92);
      assertThat(sunday.usable()).isTrue();
      assertThat(sunday.usage()).isEqualByComparingTo("9.2");
    }

    @Test
    void the_autumn_day_of_100_quarter_hours_is_complete_and_no_reading_is_a_duplicate() {
      List<IntervalReading> readings =
          Readings.days(NEW_YORK, LocalDate.of(2026, 10, 31), 2, QUARTER_HOUR, UsageUnit.WH, Readings.constant("100"));

      CleaningOutcome outcome = cleaning.clean(electricity(readings));

      assertThat(readings).hasSize(96 + 100);
      assertThat(outcome.report().findings()).isEmpty();
      assertThat(outcome.report().daylightSavingDays())
          .containsExactly(new DaylightSavingDay(LocalDate.of(2026, 11, 1), new BigDecimal("25"), 100, 100, true));
      assertThat(outcome.usable().days().get(1).usage()).isEqualByComparingTo("10.0");
    }

    @Test
    void a_spring_day_sent_as_96_local_quarter_hours_overlaps_the_next_day_and_is_reported() {
      // A provider that writes 96 readings for the 23-hour day repeats the last hour's instants.
      List<IntervalReading> readings =
          Readings.days(NEW_YORK, LocalDate.of(2026, 3, 8), 2, QUARTER_HOUR, UsageUnit.WH, Readings.constant("100"));
      Instant nextMidnight = at("2026-03-09T00:00");
      List<IntervalReading> fourMore =
          Readings.between(nextMidnight, nextMidnight.plus(HOUR), QUARTER_HOUR, UsageUnit.WH, i -> new BigDecimal("120"));

      CleaningOutcome outcome = cleaning.clean(electricity(Readings.plus(readings, fourMore.toArray(IntervalReading[]::new))));

      assertThat(outcome.report().findingsOf(FindingKind.CONFLICTING_DUPLICATE)).hasSize(4);
      assertThat(outcome.report().daylightSavingDays().get(0).complete()).isTrue();
    }
  }

  @Nested
  class Gaps {

    @Test
    void three_missing_quarter_hours_are_one_gap_with_its_span_and_the_day_is_scaled_up() {
      List<IntervalReading> readings =
          Readings.without(twoWeeks, at("2026-02-03T10:00"), at("2026-02-03T10:15"), at("2026-02-03T10:30"));

      CleaningOutcome outcome = cleaning.clean(electricity(readings));

      assertThat(outcome.report().findings())
          .singleElement()
          .satisfies(
              gap -> {
                assertThat(gap.kind()).isEqualTo(FindingKind.GAP);
                assertThat(gap.start()).isEqualTo(at("2026-02-03T10:00"));
                assertThat(gap.end()).isEqualTo(at("2026-02-03T10:45"));
                assertThat(gap.excludedFromAnalysis()).isFalse();
                assertThat(gap.reason()).startsWith("3 intervals missing from 2026-02-03T10:00-05:00");
              });
      assertThat(outcome.report().missingIntervals()).isEqualTo(3);
      assertThat(outcome.report().expectedIntervals()).isEqualTo(14 * 96);
      DailyUsage tuesday = outcome.usable().days().get(1);
      assertThat(tuesday.usableIntervals()).isEqualTo(93);
      assertThat(tuesday.measuredUsage()).isEqualByComparingTo("18.830");
      // 18.830 kWh over 93 of 96 intervals, scaled to the whole day.
      assertThat(tuesday.usage()).isEqualByComparingTo(new BigDecimal("18.830").multiply(new BigDecimal("96")).divide(new BigDecimal("93"), RobustStatistics.MATH));
      assertThat(tuesday.usable()).isTrue();
    }

    @Test
    void a_missing_day_is_one_gap_of_96_intervals_and_an_unusable_day() {
      List<IntervalReading> readings =
          twoWeeks.stream().filter(r -> !r.start().atZone(NEW_YORK).toLocalDate().equals(LocalDate.of(2026, 2, 4))).toList();

      CleaningOutcome outcome = cleaning.clean(electricity(readings));

      assertThat(outcome.report().findingsOf(FindingKind.GAP))
          .singleElement()
          .satisfies(gap -> assertThat(gap.reason()).startsWith("96 intervals missing"));
      DailyUsage wednesday = outcome.usable().days().get(2);
      assertThat(wednesday.usable()).isFalse();
      assertThat(wednesday.usage()).isNull();
      assertThat(outcome.report().daysUsable()).isEqualTo(13);
    }

    @Test
    void a_day_below_the_coverage_minimum_is_not_usable() {
      Instant from = at("2026-02-03T00:00");
      List<IntervalReading> readings =
          twoWeeks.stream().filter(r -> r.start().isBefore(from) || !r.start().isBefore(from.plus(Duration.ofHours(3)))).toList();

      CleaningOutcome outcome = cleaning.clean(electricity(readings));

      // 84 of 96 intervals is 87.5 %, under the default 90 %.
      assertThat(outcome.usable().days().get(1).usableIntervals()).isEqualTo(84);
      assertThat(outcome.usable().days().get(1).usable()).isFalse();
    }
  }

  @Nested
  class Duplicates {

    @Test
    void an_identical_duplicate_is_reported_and_collapsed_into_one_reading() {
      IntervalReading copy = twoWeeks.get(40);

      CleaningOutcome outcome = cleaning.clean(electricity(Readings.plus(twoWeeks, copy)));

      assertThat(outcome.report().findings())
          .singleElement()
          .satisfies(
              duplicate -> {
                assertThat(duplicate.kind()).isEqualTo(FindingKind.DUPLICATE);
                assertThat(duplicate.start()).isEqualTo(copy.start());
                assertThat(duplicate.excludedFromAnalysis()).isFalse();
              });
      assertThat(outcome.report().readingsReceived()).isEqualTo(14 * 96 + 1);
      assertThat(outcome.report().readingsUsable()).isEqualTo(14 * 96);
      assertThat(outcome.report().readingsCollapsed()).isEqualTo(1);
      assertThat(outcome.usable().days().get(0).usage()).isEqualByComparingTo("19.280");
    }

    @Test
    void duplicates_with_different_values_are_all_left_out_and_the_interval_is_not_a_gap() {
      IntervalReading original = twoWeeks.get(40);
      IntervalReading other = IntervalReading.of(original.start(), QUARTER_HOUR, new BigDecimal("999"), UsageUnit.WH);

      CleaningOutcome outcome = cleaning.clean(electricity(Readings.plus(twoWeeks, other)));

      assertThat(outcome.report().findings())
          .singleElement()
          .satisfies(
              conflict -> {
                assertThat(conflict.kind()).isEqualTo(FindingKind.CONFLICTING_DUPLICATE);
                assertThat(conflict.excludedFromAnalysis()).isTrue();
                assertThat(conflict.reason()).contains("0.15 kWh, 0.999 kWh");
              });
      assertThat(outcome.report().readingsExcluded()).isEqualTo(2);
      assertThat(outcome.report().missingIntervals()).isZero();
      assertThat(outcome.usable().readings()).noneMatch(r -> r.start().equals(original.start()));
      assertThat(outcome.usable().days().get(0).usableIntervals()).isEqualTo(95);
    }
  }

  @Nested
  class Values {

    @Test
    void a_negative_reading_is_reported_with_its_value_and_left_out() {
      Instant start = at("2026-02-05T13:00");
      List<IntervalReading> readings =
          Readings.replacing(twoWeeks, start, IntervalReading.of(start, QUARTER_HOUR, new BigDecimal("-40"), UsageUnit.WH));

      CleaningOutcome outcome = cleaning.clean(electricity(readings));

      assertThat(outcome.report().findings())
          .singleElement()
          .satisfies(
              negative -> {
                assertThat(negative.kind()).isEqualTo(FindingKind.NEGATIVE_READING);
                assertThat(negative.value()).isEqualByComparingTo("-0.040");
                assertThat(negative.unit()).isEqualTo("kWh");
                assertThat(negative.start()).isEqualTo(start);
                assertThat(negative.excludedFromAnalysis()).isTrue();
              });
      assertThat(outcome.usable().readings()).noneMatch(r -> r.start().equals(start));
    }

    @Test
    void a_spike_of_fifty_times_the_usual_hour_is_an_outlier_with_the_group_median_as_expected_value() {
      Instant start = at("2026-02-05T13:00");
      List<IntervalReading> readings =
          Readings.replacing(twoWeeks, start, IntervalReading.of(start, QUARTER_HOUR, new BigDecimal("7500"), UsageUnit.WH));

      CleaningOutcome outcome = cleaning.clean(electricity(readings));

      assertThat(outcome.report().findings())
          .singleElement()
          .satisfies(
              outlier -> {
                assertThat(outlier.kind()).isEqualTo(FindingKind.OUTLIER);
                assertThat(outlier.value()).isEqualByComparingTo("7.5");
                assertThat(outlier.expectedValue()).isEqualByComparingTo("0.15");
                assertThat(outlier.excludedFromAnalysis()).isTrue();
                assertThat(outlier.reason()).contains("at 13:00 on weekdays in 2026-02");
              });
      assertThat(outcome.usable().readings()).hasSize(14 * 96 - 1);
    }

    @Test
    void the_threshold_decides_what_is_an_outlier() {
      Instant start = at("2026-02-05T13:00");
      // Three times the usual 150 Wh: robust z = 300 / (0.1 x 150) = 20 with the spread floor at 10 %.
      List<IntervalReading> readings =
          Readings.replacing(twoWeeks, start, IntervalReading.of(start, QUARTER_HOUR, new BigDecimal("450"), UsageUnit.WH));
      CleaningSettings lenient =
          new CleaningSettings(new BigDecimal("25"), new BigDecimal("0.10"), 12, new BigDecimal("0.9"), new BigDecimal("0.02"));

      assertThat(cleaning.clean(electricity(readings)).report().findingsOf(FindingKind.OUTLIER)).hasSize(1);
      assertThat(new HistoricalDataCleaning(lenient).clean(electricity(readings)).report().findings()).isEmpty();
    }

    @Test
    void ordinary_variation_of_thirty_percent_is_no_outlier() {
      List<IntervalReading> readings =
          Readings.days(NEW_YORK, LocalDate.of(2026, 2, 2), 28, QUARTER_HOUR, UsageUnit.WH,
              local -> Readings.household(local).multiply(BigDecimal.valueOf(70 + (local.getDayOfYear() * 37 + local.getMinute()) % 61)).divide(BigDecimal.valueOf(100)));

      assertThat(cleaning.clean(electricity(readings)).report().findings()).isEmpty();
    }

    @Test
    void a_reading_the_provider_estimated_is_flagged_and_kept() {
      IntervalReading original = twoWeeks.get(10);
      IntervalReading estimated =
          new IntervalReading(original.start(), original.end(), original.usage(), UsageUnit.WH, ReadingQuality.ESTIMATED_USING_REFERENCE_DAY);

      CleaningOutcome outcome = cleaning.clean(electricity(Readings.replacing(twoWeeks, original.start(), estimated)));

      assertThat(outcome.report().findings())
          .singleElement()
          .satisfies(
              flag -> {
                assertThat(flag.kind()).isEqualTo(FindingKind.PROVIDER_QUALITY_FLAG);
                assertThat(flag.excludedFromAnalysis()).isFalse();
                assertThat(flag.value()).isEqualByComparingTo("0.08");
                assertThat(flag.unit()).isEqualTo("kWh");
                assertThat(flag.reason()).contains("ESTIMATED_USING_REFERENCE_DAY (ESPI quality 8)");
              });
      assertThat(outcome.usable().readings()).hasSize(14 * 96);
    }

    @Test
    void a_measured_quality_code_is_no_finding() {
      IntervalReading original = twoWeeks.get(10);
      IntervalReading raw = new IntervalReading(original.start(), original.end(), original.usage(), UsageUnit.WH, ReadingQuality.RAW);

      assertThat(cleaning.clean(electricity(Readings.replacing(twoWeeks, original.start(), raw))).report().findings()).isEmpty();
    }
  }

  @Nested
  class Intervals_and_units {

    @Test
    void a_reading_spanning_half_an_hour_among_quarter_hours_is_left_out() {
      Instant start = at("2026-02-03T08:00");
      List<IntervalReading> readings =
          Readings.replacing(twoWeeks, start, IntervalReading.of(start, Duration.ofMinutes(30), new BigDecimal("600"), UsageUnit.WH));

      CleaningOutcome outcome = cleaning.clean(electricity(readings));

      assertThat(outcome.report().findings())
          .extracting(CleaningFinding::kind)
          .containsExactly(FindingKind.GAP, FindingKind.INCONSISTENT_INTERVAL_LENGTH);
      assertThat(outcome.report().findingsOf(FindingKind.INCONSISTENT_INTERVAL_LENGTH).get(0).reason())
          .contains("it spans 1800 s where the series' intervals span 900 s");
    }

    @Test
    void a_reading_with_an_inverted_span_is_left_out() {
      Instant start = at("2026-02-03T08:00");
      IntervalReading inverted = new IntervalReading(start, start.minusSeconds(900), new BigDecimal("150"), UsageUnit.WH, null);

      CleaningOutcome outcome = cleaning.clean(electricity(Readings.plus(twoWeeks, inverted)));

      assertThat(outcome.report().findings())
          .singleElement()
          .satisfies(finding -> assertThat(finding.kind()).isEqualTo(FindingKind.INCONSISTENT_INTERVAL_LENGTH));
    }

    @Test
    void readings_that_all_have_no_span_are_all_left_out_and_the_series_has_no_grid() {
      Instant start = at("2026-02-03T08:00");
      List<IntervalReading> readings =
          List.of(
              new IntervalReading(start, start, new BigDecimal("150"), UsageUnit.WH, null),
              new IntervalReading(start.plusSeconds(900), start.plusSeconds(900), new BigDecimal("150"), UsageUnit.WH, null));

      CleaningOutcome outcome = cleaning.clean(electricity(readings));

      assertThat(outcome.report().intervalSeconds()).isNull();
      assertThat(outcome.report().readingsExcluded()).isEqualTo(2);
      assertThat(outcome.report().findings())
          .allSatisfy(
              finding -> {
                assertThat(finding.kind()).isEqualTo(FindingKind.INCONSISTENT_INTERVAL_LENGTH);
                assertThat(finding.value()).isEqualByComparingTo("0.15");
                assertThat(finding.unit()).isEqualTo("kWh");
              });
      assertThat(outcome.usable().readings()).isEmpty();
      assertThat(outcome.usable().intervalSeconds()).isZero();
    }

    @Test
    void a_quarter_hour_starting_off_the_grid_is_left_out() {
      Instant start = at("2026-02-03T08:07");

      CleaningOutcome outcome =
          cleaning.clean(electricity(Readings.plus(twoWeeks, IntervalReading.of(start, QUARTER_HOUR, BigDecimal.ONE, UsageUnit.WH))));

      assertThat(outcome.report().findings())
          .singleElement()
          .satisfies(
              finding -> {
                assertThat(finding.kind()).isEqualTo(FindingKind.MISALIGNED_INTERVAL);
                assertThat(finding.excludedFromAnalysis()).isTrue();
              });
    }

    @Test
    void kilowatt_hour_readings_among_watt_hours_are_converted_not_flagged() {
      IntervalReading original = twoWeeks.get(10);
      IntervalReading inKwh = IntervalReading.of(original.start(), QUARTER_HOUR, new BigDecimal("0.08"), UsageUnit.KWH);

      CleaningOutcome outcome = cleaning.clean(electricity(Readings.replacing(twoWeeks, original.start(), inKwh)));

      assertThat(outcome.report().findings()).isEmpty();
      assertThat(outcome.usable().readings().get(10).usage()).isEqualByComparingTo("0.08");
    }

    @Test
    void a_cubic_metre_reading_among_therms_is_left_out_with_its_own_unit() {
      List<IntervalReading> gas =
          Readings.days(NEW_YORK, LocalDate.of(2026, 1, 5), 7, HOUR, UsageUnit.THERM, Readings.constant("0.05"));
      Instant start = gas.get(3).start();
      List<IntervalReading> readings =
          Readings.replacing(gas, start, IntervalReading.of(start, HOUR, new BigDecimal("0.14"), UsageUnit.CUBIC_METRE));

      CleaningOutcome outcome =
          cleaning.clean(new UsageSeries("gas-1", UsageKind.GAS, NEW_YORK, readings, List.of()));

      assertThat(outcome.report().unit()).isEqualTo("therm");
      assertThat(outcome.report().intervalSeconds()).isEqualTo(3600L);
      assertThat(outcome.report().findings())
          .singleElement()
          .satisfies(
              finding -> {
                assertThat(finding.kind()).isEqualTo(FindingKind.INCOMPATIBLE_UNIT);
                assertThat(finding.unit()).isEqualTo("m3");
                assertThat(finding.value()).isEqualByComparingTo("0.14");
                assertThat(finding.reason()).contains("m3 does not convert to the series' therm");
              });
    }
  }

  @Nested
  class Bills {

    private final Instant periodStart = at("2026-02-02T00:00");
    private final Instant periodEnd = at("2026-02-09T00:00");
    // Monday to Friday at 19.280 kWh, Saturday and Sunday at 24.100 kWh.
    private final BigDecimal weekUsage = new BigDecimal("144.600");

    @Test
    void a_bill_agreeing_with_its_readings_is_no_finding() {
      Bill bill = new Bill(periodStart, periodEnd, weekUsage.multiply(BigDecimal.valueOf(1000)), UsageUnit.WH, new BigDecimal("21.69"), "USD", null);

      assertThat(cleaning.clean(electricity(twoWeeks, List.of(bill))).report().findings()).isEmpty();
    }

    @Test
    void a_bill_ten_percent_above_its_readings_is_reported_with_both_figures() {
      Bill bill = new Bill(periodStart, periodEnd, new BigDecimal("159.06"), UsageUnit.KWH, new BigDecimal("23.86"), "USD", null);

      CleaningOutcome outcome = cleaning.clean(electricity(twoWeeks, List.of(bill)));

      assertThat(outcome.report().findings())
          .singleElement()
          .satisfies(
              mismatch -> {
                assertThat(mismatch.kind()).isEqualTo(FindingKind.BILL_USAGE_MISMATCH);
                assertThat(mismatch.value()).isEqualByComparingTo("159.06");
                assertThat(mismatch.expectedValue()).isEqualByComparingTo("144.6");
                assertThat(mismatch.reason()).contains("(10.00 % apart)");
              });
    }

    @Test
    void a_bill_whose_period_is_not_fully_covered_is_not_compared() {
      Bill bill = new Bill(periodStart.minus(Duration.ofDays(7)), periodEnd, BigDecimal.ONE, UsageUnit.KWH, null, null, null);

      assertThat(cleaning.clean(electricity(twoWeeks, List.of(bill))).report().findings()).isEmpty();
    }

    @Test
    void overlapping_bills_are_reported_on_their_overlap() {
      Bill first = new Bill(periodStart, periodEnd, null, null, null, null, null);
      Bill second = new Bill(at("2026-02-06T00:00"), at("2026-02-13T00:00"), null, null, null, null, null);

      CleaningOutcome outcome = cleaning.clean(electricity(twoWeeks, List.of(second, first)));

      assertThat(outcome.report().findings())
          .singleElement()
          .satisfies(
              overlap -> {
                assertThat(overlap.kind()).isEqualTo(FindingKind.OVERLAPPING_BILLS);
                assertThat(overlap.start()).isEqualTo(at("2026-02-06T00:00"));
                assertThat(overlap.end()).isEqualTo(periodEnd);
              });
      assertThat(outcome.usable().bills()).containsExactly(first, second);
    }

    @Test
    void a_bill_ending_before_it_starts_is_refused_when_built() {
      assertThatThrownBy(() -> new Bill(periodEnd, periodStart, null, null, null, null, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("periodEnd");
    }
  }

  @Test
  void settings_out_of_range_are_refused_naming_the_field_and_range() {
    assertThatThrownBy(() -> new CleaningSettings(BigDecimal.ZERO, BigDecimal.ZERO, 12, BigDecimal.ONE, BigDecimal.ZERO))
        .hasMessage("outlierThreshold must be greater than 0, was 0");
    assertThatThrownBy(() -> new CleaningSettings(BigDecimal.TEN, BigDecimal.ZERO, 12, new BigDecimal("1.5"), BigDecimal.ZERO))
        .hasMessage("minimumDayCoverage must be in (0, 1], was 1.5");
  }
}
