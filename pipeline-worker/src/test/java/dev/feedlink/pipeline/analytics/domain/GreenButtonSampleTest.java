package dev.feedlink.pipeline.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The five substages on the real Green Button sample: 14 days of March 2012, DST on the 11th. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GreenButtonSampleTest {

  private static final String PROVIDER = "green-button-sample";

  private SampleGreenButtonFile file;
  private UsageSeries series;
  private CleaningOutcome cleaned;

  @BeforeAll
  void readSample() throws Exception {
    file = SampleGreenButtonFile.read("test_usage_data.xml");
    series = file.series("sample");
    cleaned = new HistoricalDataCleaning().clean(series);
  }

  private BigDecimal totalKwh() {
    return file.blockTotals().stream().reduce(BigDecimal.ZERO, BigDecimal::add).movePointLeft(3);
  }

  @Test
  void the_dst_day_of_92_quarter_hours_is_complete_and_no_interval_is_missing() {
    CleaningReport report = cleaned.report();

    assertThat(series.readings()).hasSize(1340);
    assertThat(report.findingsOf(FindingKind.GAP)).isEmpty();
    assertThat(report.missingIntervals()).isZero();
    assertThat(report.expectedIntervals()).isEqualTo(1340);
    assertThat(report.daylightSavingDays())
        .containsExactly(new DaylightSavingDay(LocalDate.of(2012, 3, 11), new BigDecimal("23"), 92, 92, true));
    assertThat(report.daysCovered()).isEqualTo(14);
    assertThat(report.daysUsable()).isEqualTo(14);
    assertThat(report.timeZone()).isEqualTo("America/New_York");
  }

  @Test
  void the_only_findings_are_the_two_readings_the_provider_marks_and_nothing_is_left_out() {
    CleaningReport report = cleaned.report();

    assertThat(report.findings())
        .extracting(CleaningFinding::kind)
        .containsExactly(FindingKind.PROVIDER_QUALITY_FLAG, FindingKind.PROVIDER_QUALITY_FLAG);
    assertThat(report.findings().get(0).reason())
        .startsWith("reading of 0.282 kWh for 2012-03-01T00:00-05:00 to 2012-03-01T00:15-05:00")
        .contains("ESPI quality 8");
    assertThat(report.findings().get(1).value()).isEqualByComparingTo("0.323");
    assertThat(report.findings().get(1).unit()).isEqualTo("kWh");
    assertThat(report.readingsExcluded()).isZero();
    assertThat(report.readingsUsable()).isEqualTo(1340);
    assertThat(report.unit()).isEqualTo("kWh");
  }

  @Test
  void each_local_day_totals_its_interval_block_and_the_bill_agrees_with_its_readings() {
    List<BigDecimal> blocks = file.blockTotals();
    List<DailyUsage> days = cleaned.usable().days();

    assertThat(days).hasSize(blocks.size());
    for (int i = 0; i < days.size(); i++) {
      assertThat(days.get(i).usage()).isEqualByComparingTo(blocks.get(i).movePointLeft(3));
    }
    // The summary's 1,298,640 Wh equal 1-13 March; a bill 10 % off the same readings would be reported.
    assertThat(cleaned.report().findingsOf(FindingKind.BILL_USAGE_MISMATCH)).isEmpty();
    Bill bill = series.bills().get(0);
    Bill inflated = new Bill(bill.periodStart(), bill.periodEnd(), bill.usage().multiply(new BigDecimal("1.1")),
        bill.usageUnit(), bill.amount(), bill.currency(), null);
    UsageSeries wrongBill = new UsageSeries("sample", series.kind(), series.zone(), series.readings(), List.of(inflated));
    assertThat(new HistoricalDataCleaning().clean(wrongBill).report().findingsOf(FindingKind.BILL_USAGE_MISMATCH)).hasSize(1);
  }

  @Test
  void no_day_of_the_sample_is_anomalous_and_its_later_weekdays_are_judged() {
    MonitoringReport report = new Monitoring().monitor(cleaned.usable());

    assertThat(report.anomalousDays()).isEmpty();
    // Weekdays from the 5th on have 4 earlier weekdays: 7-9 and 12-14 March.
    assertThat(report.daysAssessed()).isEqualTo(6);
    assertThat(report.status()).isEqualTo(AnalysisStatus.COMPLETE);
  }

  @Test
  void the_next_period_continues_the_13_day_bill_and_its_forecast_is_within_the_days_seen() {
    ForecastReport report = new Forecasting().forecast(cleaned.usable());

    assertThat(report.periodSource()).isEqualTo(PeriodSource.LATEST_BILL_LENGTH);
    assertThat(report.periodFirstDay()).isEqualTo(LocalDate.of(2012, 3, 14));
    assertThat(report.periodLastDay()).isEqualTo(LocalDate.of(2012, 3, 26));
    assertThat(report.observedDays()).isEqualTo(1);
    assertThat(report.observedUsage()).isEqualByComparingTo("93.026");
    List<BigDecimal> daily = new ArrayList<>(file.blockTotals().stream().map(total -> total.movePointLeft(3)).toList());
    daily.sort(null);
    assertThat(report.forecastUsage())
        .isBetween(daily.get(0).multiply(BigDecimal.valueOf(13)), daily.get(daily.size() - 1).multiply(BigDecimal.valueOf(13)));
    // At the bill's 152.52 USD for 1,298.64 kWh.
    BigDecimal price = new BigDecimal("152.52").divide(new BigDecimal("1298.64"), RobustStatistics.MATH);
    assertThat(report.estimatedAmount()).isEqualByComparingTo(Figures.ratio(report.forecastUsage().multiply(price)));
    assertThat(report.currency()).isEqualTo("USD");
    // Two weeks hold no earlier 13-day period with four weeks of history before it.
    assertThat(report.status()).isEqualTo(AnalysisStatus.PARTIAL);
  }

  @Test
  void insights_average_the_fourteen_days_and_see_weekends_use_more() {
    InsightsReport report = new Insights().derive(cleaned.usable());

    assertThat(report.averageDailyUsage()).isEqualByComparingTo(Figures.usage(totalKwh().divide(BigDecimal.valueOf(14), RobustStatistics.MATH)));
    assertThat(report.averageWeekendDailyUsage()).isGreaterThan(report.averageWeekdayDailyUsage());
    assertThat(report.hoursUsed()).isEqualTo(14 * 24 - 1);
    assertThat(report.peakHour()).isBetween(0, 23);
    assertThat(report.baseLoadPerHour()).isPositive().isLessThan(report.peakHourAverageUsage());
    assertThat(report.weekdayHourlyProfile()).hasSize(24).doesNotContainNull();
    assertThat(report.weekendHourlyProfile()).hasSize(24).doesNotContainNull();
    assertThat(report.status()).isEqualTo(AnalysisStatus.COMPLETE);
  }

  @Test
  void among_the_other_sample_files_as_peers_the_full_account_is_at_the_median() throws Exception {
    AccountUsage account = AccountUsage.of(PROVIDER, new Insights().derive(cleaned.usable()));
    List<AccountUsage> peers = new ArrayList<>();
    for (String name : List.of("test_usage_data_01.xml", "test_usage_data_1.xml", "test_usage_data_11.xml", "test_usage_data_2.xml")) {
      UsageSeries peer = SampleGreenButtonFile.read(name).series(name);
      peers.add(AccountUsage.of(PROVIDER, new Insights().derive(new HistoricalDataCleaning().clean(peer).usable())));
    }

    BenchmarkReport report = new Benchmarking().benchmark(account, peers);

    // Peers per day: 93.846 (1 March), 97.775 (6-14), 102.338 (1-5), 109.403 (11); the account 99.476.
    assertThat(report.peerCount()).isEqualTo(4);
    assertThat(report.peersBelow()).isEqualTo(2);
    assertThat(report.percentile()).isEqualByComparingTo("50");
  }
}
