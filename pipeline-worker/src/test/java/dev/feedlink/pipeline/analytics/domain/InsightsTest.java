package dev.feedlink.pipeline.analytics.domain;

import static dev.feedlink.pipeline.analytics.domain.Readings.HOUR;
import static dev.feedlink.pipeline.analytics.domain.Readings.NEW_YORK;
import static dev.feedlink.pipeline.analytics.domain.Readings.QUARTER_HOUR;
import static dev.feedlink.pipeline.analytics.domain.Readings.at;
import static dev.feedlink.pipeline.analytics.domain.Readings.usable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class InsightsTest {

  private final Insights insights = new Insights();

  private static List<BigDecimal> profile(String night, String morning, String day, String evening, String late) {
    return Stream.of(
            Collections.nCopies(6, night),
            Collections.nCopies(3, morning),
            Collections.nCopies(8, day),
            Collections.nCopies(5, evening),
            Collections.nCopies(2, late))
        .flatMap(List::stream)
        .map(BigDecimal::new)
        .toList();
  }

  @Test
  void two_weeks_of_a_household_give_its_daily_averages_peak_hour_base_load_and_profiles() {
    List<IntervalReading> readings =
        Readings.days(NEW_YORK, LocalDate.of(2026, 2, 2), 14, QUARTER_HOUR, UsageUnit.WH, Readings::household);

    InsightsReport report = insights.derive(usable(readings));

    assertThat(report.status()).isEqualTo(AnalysisStatus.COMPLETE);
    assertThat(report.unit()).isEqualTo("kWh");
    assertThat(report.firstDay()).isEqualTo(LocalDate.of(2026, 2, 2));
    assertThat(report.lastDay()).isEqualTo(LocalDate.of(2026, 2, 15));
    assertThat(report.daysUsed()).isEqualTo(14);
    assertThat(report.hoursUsed()).isEqualTo(14 * 24);
    // (10 x 19.28 + 4 x 24.10) / 14
    assertThat(report.averageDailyUsage()).isEqualByComparingTo("20.6571");
    assertThat(report.averageWeekdayDailyUsage()).isEqualByComparingTo("19.28");
    assertThat(report.averageWeekendDailyUsage()).isEqualByComparingTo("24.1");
    // 17:00-22:00 is the evening peak; 17:00 is the earliest of the tied hours.
    assertThat(report.peakHour()).isEqualTo(17);
    assertThat(report.peakHourAverageUsage()).isEqualByComparingTo("1.7143");
    assertThat(report.highestHourStart()).isEqualTo(OffsetDateTime.parse("2026-02-07T17:00-05:00"));
    assertThat(report.highestHourUsage()).isEqualByComparingTo("2.0");
    // The night hours at 0.32 kWh are the lowest 60 of 336 hours: the 5th percentile is one of them.
    assertThat(report.baseLoadPerHour()).isEqualByComparingTo("0.32");
    assertThat(report.baseLoadPercentile()).isEqualByComparingTo("5");
    assertThat(report.weekdayHourlyProfile())
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactlyElementsOf(profile("0.32", "1.2", "0.6", "1.6", "0.48"));
    assertThat(report.weekendHourlyProfile())
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactlyElementsOf(profile("0.4", "1.5", "0.75", "2.0", "0.6"));
  }

  @Test
  void the_autumn_day_counts_its_repeated_1_am_hour_twice_and_the_spring_day_has_no_2_am() {
    List<IntervalReading> readings =
        Readings.days(NEW_YORK, LocalDate.of(2026, 10, 31), 2, QUARTER_HOUR, UsageUnit.WH, local -> BigDecimal.valueOf(local.getHour() == 1 ? 500 : 100));
    List<IntervalReading> spring =
        Readings.days(NEW_YORK, LocalDate.of(2026, 3, 7), 2, QUARTER_HOUR, UsageUnit.WH, Readings.constant("100"));

    InsightsReport autumn = insights.derive(usable(readings));
    InsightsReport march = insights.derive(usable(spring));

    assertThat(autumn.hoursUsed()).isEqualTo(24 + 25);
    assertThat(autumn.peakHour()).isEqualTo(1);
    assertThat(autumn.peakHourAverageUsage()).isEqualByComparingTo("2.0");
    // The first of the two 1 am hours, still on daylight time.
    assertThat(autumn.highestHourStart()).isEqualTo(OffsetDateTime.parse("2026-10-31T01:00-04:00"));
    // 23 x 0.4 + 2.0 on the 31st, 23 x 0.4 + 2 x 2.0 on the 1st.
    assertThat(autumn.averageDailyUsage()).isEqualByComparingTo("12.2");
    assertThat(march.hoursUsed()).isEqualTo(24 + 23);
    assertThat(march.weekendHourlyProfile().get(2)).isEqualByComparingTo("0.4");
  }

  @Test
  void an_hour_with_a_missing_interval_is_left_out_of_the_hourly_figures() {
    List<IntervalReading> readings =
        Readings.without(
            Readings.days(NEW_YORK, LocalDate.of(2026, 2, 2), 1, QUARTER_HOUR, UsageUnit.WH, Readings::household),
            at("2026-02-02T18:15"));

    InsightsReport report = insights.derive(usable(readings));

    assertThat(report.hoursUsed()).isEqualTo(23);
    assertThat(report.daysUsed()).isEqualTo(1);
    assertThat(report.highestHourStart()).isEqualTo(OffsetDateTime.parse("2026-02-02T17:00-05:00"));
  }

  @Test
  void hourly_gas_readings_give_hourly_figures_in_therms() {
    List<IntervalReading> gas =
        Readings.days(NEW_YORK, LocalDate.of(2026, 1, 5), 7, HOUR, UsageUnit.THERM,
            local -> new BigDecimal(local.getHour() == 7 ? "0.30" : "0.05"));

    InsightsReport report =
        insights.derive(
            new HistoricalDataCleaning().clean(new UsageSeries("gas-1", UsageKind.GAS, NEW_YORK, gas, List.of())).usable());

    assertThat(report.unit()).isEqualTo("therm");
    assertThat(report.hoursUsed()).isEqualTo(7 * 24);
    assertThat(report.peakHour()).isEqualTo(7);
    assertThat(report.baseLoadPerHour()).isEqualByComparingTo("0.05");
    assertThat(report.averageDailyUsage()).isEqualByComparingTo("1.45");
  }

  @Test
  void daily_readings_give_daily_averages_but_no_hourly_figures() {
    List<IntervalReading> daily =
        Readings.between(at("2026-02-02T00:00"), at("2026-02-12T00:00"), Duration.ofDays(1), UsageUnit.KWH, i -> new BigDecimal("20"));

    InsightsReport report = insights.derive(usable(daily));

    assertThat(report.status()).isEqualTo(AnalysisStatus.PARTIAL);
    assertThat(report.statusDetail()).contains("no complete hour (intervals of 86400 s)");
    assertThat(report.averageDailyUsage()).isEqualByComparingTo("20");
    assertThat(report.peakHour()).isNull();
    assertThat(report.baseLoadPerHour()).isNull();
    assertThat(report.weekdayHourlyProfile()).hasSize(24).containsOnlyNulls();
  }

  @Test
  void no_data_is_insufficient_data() {
    InsightsReport report = insights.derive(usable(List.of()));

    assertThat(report.status()).isEqualTo(AnalysisStatus.INSUFFICIENT_DATA);
    assertThat(report.averageDailyUsage()).isNull();
    assertThat(report.weekendHourlyProfile()).hasSize(24).containsOnlyNulls();
  }

  @Test
  void the_base_load_percentile_is_a_setting() {
    List<IntervalReading> readings =
        Readings.days(NEW_YORK, LocalDate.of(2026, 2, 2), 14, QUARTER_HOUR, UsageUnit.WH, Readings::household);

    InsightsReport median = new Insights(new InsightsSettings(new BigDecimal("50"))).derive(usable(readings));

    assertThat(median.baseLoadPerHour()).isEqualByComparingTo("0.6");
    assertThatThrownBy(() -> new InsightsSettings(new BigDecimal("90")))
        .hasMessage("baseLoadPercentile must be in (0, 50], was 90");
  }
}
