package dev.feedlink.pipeline.analytics.domain;

import static dev.feedlink.pipeline.analytics.domain.Readings.NEW_YORK;
import static dev.feedlink.pipeline.analytics.domain.Readings.QUARTER_HOUR;
import static dev.feedlink.pipeline.analytics.domain.Readings.at;
import static dev.feedlink.pipeline.analytics.domain.Readings.usable;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastingTest {

  private final Forecasting forecasting = new Forecasting();

  @Test
  void without_a_bill_the_next_calendar_month_of_a_constant_series_is_its_hours_times_the_rate_with_zero_error() {
    // 100 Wh a quarter-hour is 0.4 kWh an hour; May has 31 days of 24 hours.
    List<IntervalReading> readings =
        Readings.days(NEW_YORK, LocalDate.of(2026, 1, 1), 120, QUARTER_HOUR, UsageUnit.WH, Readings.constant("100"));

    ForecastReport report = forecasting.forecast(usable(readings));

    assertThat(report.status()).isEqualTo(AnalysisStatus.COMPLETE);
    assertThat(report.periodSource()).isEqualTo(PeriodSource.CALENDAR_MONTH);
    assertThat(report.periodFirstDay()).isEqualTo(LocalDate.of(2026, 5, 1));
    assertThat(report.periodLastDay()).isEqualTo(LocalDate.of(2026, 5, 31));
    assertThat(report.periodDays()).isEqualTo(31);
    assertThat(report.observedDays()).isZero();
    assertThat(report.forecastUsage()).isEqualByComparingTo("297.6");
    assertThat(report.unit()).isEqualTo("kWh");
    // Three earlier 31-day periods, one across the 23-hour DST day, all forecast exactly.
    assertThat(report.backtestPeriods()).isEqualTo(3);
    assertThat(report.meanAbsolutePercentageError()).isEqualByComparingTo("0");
    assertThat(report.lowerBound()).isEqualByComparingTo("297.6");
    assertThat(report.upperBound()).isEqualByComparingTo("297.6");
    assertThat(report.method()).startsWith("day-type rate");
  }

  @Test
  void the_error_estimate_is_what_the_method_missed_on_earlier_periods() {
    // 0.4 kWh an hour until February, 0.5 from 1 March; UTC has no DST to blur the figures.
    List<IntervalReading> readings =
        Readings.days(ZoneOffset.UTC, LocalDate.of(2026, 1, 1), 120, QUARTER_HOUR, UsageUnit.WH,
            local -> local.getMonthValue() < 3 ? new BigDecimal("100") : new BigDecimal("125"));
    UsableSeries series =
        new HistoricalDataCleaning()
            .clean(new UsageSeries("acct-1", UsageKind.ELECTRICITY, ZoneOffset.UTC, readings, List.of()))
            .usable();

    ForecastReport report = forecasting.forecast(series);

    assertThat(report.forecastUsage()).isEqualByComparingTo("372");
    // Backtests: 31 March-30 April exact; 28 February-30 March forecast 297.6 against 369.6 used
    // (72 / 369.6 = 19.48 %); 28 January-27 February exact.
    assertThat(report.backtestPeriods()).isEqualTo(3);
    assertThat(report.meanAbsolutePercentageError()).isEqualByComparingTo("6.49");
    // The interval takes the 80th percentile of {0, 0, 0.1948}: 0.6 x 0.1948 = 11.69 % of 372.
    assertThat(report.lowerBound()).isEqualByComparingTo("328.5195");
    assertThat(report.upperBound()).isEqualByComparingTo("415.4805");
    assertThat(report.intervalCoveragePercent()).isEqualByComparingTo("80");
  }

  @Test
  void with_a_next_bill_date_the_period_runs_to_it_counting_measured_days_and_predicting_the_rest() {
    // Household profile: 19.28 kWh a weekday, 24.10 a weekend day; data to 15 April.
    List<IntervalReading> readings =
        Readings.days(NEW_YORK, LocalDate.of(2026, 1, 5), 101, QUARTER_HOUR, UsageUnit.WH, Readings::household);
    Bill march = new Bill(at("2026-03-01T00:00"), at("2026-04-01T00:00"), new BigDecimal("600"), UsageUnit.KWH,
        new BigDecimal("90.00"), "USD", LocalDate.of(2026, 5, 1));

    ForecastReport report = forecasting.forecast(usable(readings, List.of(march)));

    assertThat(report.periodSource()).isEqualTo(PeriodSource.NEXT_BILL_DATE);
    assertThat(report.periodFirstDay()).isEqualTo(LocalDate.of(2026, 4, 1));
    assertThat(report.periodLastDay()).isEqualTo(LocalDate.of(2026, 4, 30));
    // 1-15 April: 11 weekdays and 4 weekend days measured; 16-30 April the same mix predicted.
    assertThat(report.observedDays()).isEqualTo(15);
    assertThat(report.observedUsage()).isEqualByComparingTo("308.48");
    assertThat(report.predictedUsage()).isEqualByComparingTo("308.48");
    assertThat(report.forecastUsage()).isEqualByComparingTo("616.96");
    // At the bill's 0.15 USD per kWh.
    assertThat(report.estimatedAmount()).isEqualByComparingTo("92.54");
    assertThat(report.currency()).isEqualTo("USD");
    assertThat(report.backtestPeriods()).isEqualTo(2);
    assertThat(report.lowerBound()).isBetween(report.observedUsage(), report.forecastUsage());
    assertThat(report.upperBound()).isGreaterThanOrEqualTo(report.forecastUsage());
    assertThat(report.meanAbsolutePercentageError()).isBetween(BigDecimal.ZERO, new BigDecimal("0.5"));
  }

  @Test
  void without_a_next_bill_date_the_period_is_as_long_as_the_latest_bill() {
    List<IntervalReading> readings =
        Readings.days(NEW_YORK, LocalDate.of(2026, 2, 1), 42, QUARTER_HOUR, UsageUnit.WH, Readings::household);
    Bill bill = new Bill(at("2026-02-01T00:00"), at("2026-02-27T23:00"), null, null, null, null, null);

    ForecastReport report = forecasting.forecast(usable(readings, List.of(bill)));

    // A period end an hour before midnight still means the 28th; 27 days from there.
    assertThat(report.periodSource()).isEqualTo(PeriodSource.LATEST_BILL_LENGTH);
    assertThat(report.periodFirstDay()).isEqualTo(LocalDate.of(2026, 2, 28));
    assertThat(report.periodDays()).isEqualTo(27);
    // 28 February to 14 March are measured.
    assertThat(report.observedDays()).isEqualTo(15);
    assertThat(report.estimatedAmount()).isNull();
  }

  @Test
  void a_billing_cycle_wholly_in_the_data_is_carried_forward_to_the_period_still_running() {
    List<IntervalReading> readings =
        Readings.days(NEW_YORK, LocalDate.of(2026, 1, 5), 101, QUARTER_HOUR, UsageUnit.WH, Readings::household);
    Bill january = new Bill(at("2026-01-01T00:00"), at("2026-02-01T00:00"), null, null, null, null, LocalDate.of(2026, 3, 1));

    ForecastReport report = forecasting.forecast(usable(readings, List.of(january)));

    // 1 Feb-28 Feb and 1 Mar-28 Mar are in the data; 29 Mar-25 Apr is not yet complete.
    assertThat(report.periodSource()).isEqualTo(PeriodSource.BILL_CYCLE_CARRIED_FORWARD);
    assertThat(report.periodFirstDay()).isEqualTo(LocalDate.of(2026, 3, 29));
    assertThat(report.periodLastDay()).isEqualTo(LocalDate.of(2026, 4, 25));
  }

  @Test
  void a_forecast_with_no_earlier_period_to_backtest_has_no_error_estimate() {
    List<IntervalReading> readings =
        Readings.days(NEW_YORK, LocalDate.of(2026, 4, 1), 20, QUARTER_HOUR, UsageUnit.WH, Readings::household);

    ForecastReport report = forecasting.forecast(usable(readings));

    assertThat(report.status()).isEqualTo(AnalysisStatus.PARTIAL);
    assertThat(report.statusDetail()).contains("no error estimate");
    assertThat(report.forecastUsage()).isNotNull();
    assertThat(report.meanAbsolutePercentageError()).isNull();
    assertThat(report.lowerBound()).isNull();
    assertThat(report.backtestPeriods()).isZero();
  }

  @Test
  void weekday_only_history_predicts_weekends_at_the_weekday_rate() {
    // Monday to Friday at 100 Wh a quarter-hour: the period's weekend days borrow 0.4 kWh an hour.
    List<IntervalReading> readings =
        Readings.days(NEW_YORK, LocalDate.of(2026, 4, 6), 5, QUARTER_HOUR, UsageUnit.WH, Readings.constant("100"));

    ForecastReport report = forecasting.forecast(usable(readings));

    assertThat(report.periodFirstDay()).isEqualTo(LocalDate.of(2026, 4, 1));
    assertThat(report.observedDays()).isEqualTo(5);
    assertThat(report.forecastUsage()).isEqualByComparingTo(new BigDecimal("0.4").multiply(BigDecimal.valueOf(30 * 24)));
  }

  @Test
  void no_usable_day_is_insufficient_data() {
    ForecastReport empty = forecasting.forecast(usable(List.of()));

    assertThat(empty.status()).isEqualTo(AnalysisStatus.INSUFFICIENT_DATA);
    assertThat(empty.forecastUsage()).isNull();
    assertThat(empty.periodFirstDay()).isNull();
  }
}
