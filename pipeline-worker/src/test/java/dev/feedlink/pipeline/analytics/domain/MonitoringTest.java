package dev.feedlink.pipeline.analytics.domain;

import static dev.feedlink.pipeline.analytics.domain.Readings.NEW_YORK;
import static dev.feedlink.pipeline.analytics.domain.Readings.QUARTER_HOUR;
import static dev.feedlink.pipeline.analytics.domain.Readings.usable;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class MonitoringTest {

  private static final LocalDate MONDAY = LocalDate.of(2026, 1, 5);

  private final Monitoring monitoring = new Monitoring();

  private static List<IntervalReading> eightWeeks(Function<ZonedDateTime, BigDecimal> usage) {
    return Readings.days(NEW_YORK, MONDAY, 56, QUARTER_HOUR, UsageUnit.WH, usage);
  }

  @Test
  void a_day_using_eighty_percent_more_than_its_weekdays_is_anomalous_with_expected_value_and_deviation() {
    LocalDate wednesday = LocalDate.of(2026, 2, 18);
    UsableSeries series = usable(eightWeeks(Readings.scaledOn(Readings::household, "1.8", wednesday)));

    MonitoringReport report = monitoring.monitor(series);

    assertThat(report.status()).isEqualTo(AnalysisStatus.COMPLETE);
    assertThat(report.unit()).isEqualTo("kWh");
    assertThat(report.anomalousDays())
        .singleElement()
        .satisfies(
            day -> {
              assertThat(day.date()).isEqualTo(wednesday);
              assertThat(day.dayType()).isEqualTo(DayType.WEEKDAY);
              assertThat(day.usage()).isEqualByComparingTo("34.704");
              assertThat(day.expectedUsage()).isEqualByComparingTo("19.28");
              assertThat(day.deviation()).isEqualByComparingTo("15.424");
              assertThat(day.deviationPercent()).isEqualByComparingTo("80.00");
              // The history never varies, so the spread is its 2 % floor: 15.424 / 0.3856.
              assertThat(day.robustZScore()).isEqualByComparingTo("40.00");
              assertThat(day.direction()).isEqualTo(Deviation.ABOVE_EXPECTED);
            });
  }

  @Test
  void a_day_using_half_is_anomalous_below_expected() {
    LocalDate saturday = LocalDate.of(2026, 2, 21);
    UsableSeries series = usable(eightWeeks(Readings.scaledOn(Readings::household, "0.5", saturday)));

    assertThat(monitoring.monitor(series).anomalousDays())
        .singleElement()
        .satisfies(
            day -> {
              assertThat(day.date()).isEqualTo(saturday);
              assertThat(day.dayType()).isEqualTo(DayType.WEEKEND);
              assertThat(day.expectedUsage()).isEqualByComparingTo("24.1");
              assertThat(day.deviationPercent()).isEqualByComparingTo("-50.00");
              assertThat(day.direction()).isEqualTo(Deviation.BELOW_EXPECTED);
            });
  }

  @Test
  void weekends_using_more_than_weekdays_are_no_anomaly_as_each_day_type_has_its_own_history() {
    MonitoringReport report = monitoring.monitor(usable(eightWeeks(Readings::household)));

    assertThat(report.anomalousDays()).isEmpty();
    // Each day type needs 4 earlier days: the first 4 weekdays and the first 4 weekend days wait.
    assertThat(report.daysWithoutHistory()).isEqualTo(8);
    assertThat(report.daysAssessed()).isEqualTo(56 - 8);
  }

  @Test
  void the_23_hour_and_25_hour_days_are_expected_to_use_less_and_more_and_are_no_anomaly() {
    List<IntervalReading> readings =
        Readings.days(NEW_YORK, LocalDate.of(2026, 2, 1), 300, QUARTER_HOUR, UsageUnit.WH, Readings.constant("100"));

    MonitoringReport report = monitoring.monitor(usable(readings));

    assertThat(report.anomalousDays()).isEmpty();
  }

  @Test
  void a_small_deviation_in_a_steady_history_is_no_anomaly_as_it_does_not_matter() {
    // 10 % more: z = 0.1 / 0.02 = 5 passes, but 10 % is under the 25 % that matters.
    LocalDate wednesday = LocalDate.of(2026, 2, 18);

    assertThat(monitoring.monitor(usable(eightWeeks(Readings.scaledOn(Readings::household, "1.1", wednesday)))).anomalousDays())
        .isEmpty();
    MonitoringSettings strict =
        new MonitoringSettings(new BigDecimal("3.5"), new BigDecimal("0.05"), new BigDecimal("0.02"), 56, 4);
    assertThat(new Monitoring(strict).monitor(usable(eightWeeks(Readings.scaledOn(Readings::household, "1.1", wednesday)))).anomalousDays())
        .extracting(AnomalousDay::date)
        .containsExactly(wednesday);
  }

  @Test
  void a_large_deviation_in_a_history_that_varies_as_much_is_no_anomaly() {
    // Weekdays alternate between 60 % and 140 % of the profile: a day at 170 % is within the spread.
    LocalDate wednesday = LocalDate.of(2026, 2, 18);
    Function<ZonedDateTime, BigDecimal> swinging =
        local ->
            Readings.household(local)
                .multiply(local.toLocalDate().equals(wednesday) ? new BigDecimal("1.7") : local.getDayOfYear() % 2 == 0 ? new BigDecimal("0.6") : new BigDecimal("1.4"));

    assertThat(monitoring.monitor(usable(eightWeeks(swinging))).anomalousDays()).isEmpty();
  }

  @Test
  void a_day_with_too_few_usable_intervals_is_not_judged() {
    LocalDate wednesday = LocalDate.of(2026, 2, 18);
    List<IntervalReading> readings =
        eightWeeks(Readings.scaledOn(Readings::household, "1.8", wednesday)).stream()
            .filter(r -> !(r.start().atZone(NEW_YORK).toLocalDate().equals(wednesday) && r.start().atZone(NEW_YORK).getHour() < 12))
            .toList();

    MonitoringReport report = monitoring.monitor(usable(readings));

    assertThat(report.anomalousDays()).isEmpty();
    assertThat(report.daysAssessed() + report.daysWithoutHistory()).isEqualTo(55);
  }

  @Test
  void one_week_is_too_little_history_to_judge_any_day() {
    MonitoringReport report =
        monitoring.monitor(usable(Readings.days(NEW_YORK, MONDAY, 7, QUARTER_HOUR, UsageUnit.WH, Readings::household)));

    // Weekdays 5 to 7 would have 4 weekday predecessors only from the fifth on: Friday is judged.
    assertThat(report.daysAssessed()).isEqualTo(1);
    MonitoringReport twoDays =
        monitoring.monitor(usable(Readings.days(NEW_YORK, MONDAY, 2, QUARTER_HOUR, UsageUnit.WH, Readings::household)));
    assertThat(twoDays.status()).isEqualTo(AnalysisStatus.INSUFFICIENT_DATA);
    assertThat(twoDays.statusDetail()).contains("no day has 4 usable days of its day type");
    assertThat(twoDays.anomalousDays()).isEmpty();
  }

  @Test
  void no_data_is_insufficient_data() {
    MonitoringReport report = monitoring.monitor(usable(List.of()));

    assertThat(report.status()).isEqualTo(AnalysisStatus.INSUFFICIENT_DATA);
    assertThat(report.statusDetail()).isEqualTo("no usable day");
  }
}
