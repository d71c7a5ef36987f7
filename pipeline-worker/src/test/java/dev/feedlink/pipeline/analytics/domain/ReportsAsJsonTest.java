package dev.feedlink.pipeline.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reports are stored and served as JSON: plain fields, dates as ISO text, units named, read back equal. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsAsJsonTest {

  // Kept offsets: a reader that adjusts to UTC gets the same instant, written differently.
  private final JsonMapper json =
      JsonMapper.builder().disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE).build();

  private CleaningReport cleaning;
  private MonitoringReport monitoring;
  private ForecastReport forecast;
  private InsightsReport insights;
  private BenchmarkReport benchmark;

  @BeforeAll
  void analyseSample() throws Exception {
    UsageSeries series = SampleGreenButtonFile.read("test_usage_data.xml").series("sample");
    CleaningOutcome outcome = new HistoricalDataCleaning().clean(series);
    cleaning = outcome.report();
    monitoring = new Monitoring().monitor(outcome.usable());
    forecast = new Forecasting().forecast(outcome.usable());
    insights = new Insights().derive(outcome.usable());
    AccountUsage usage = AccountUsage.of("utility", insights);
    benchmark =
        new Benchmarking()
            .benchmark(usage, List.of(new AccountUsage("peer", "utility", UsageKind.ELECTRICITY, usage.averageDailyUsage(), UsageUnit.KWH)));
  }

  private <T> T roundTrip(T report, Class<T> type) {
    return json.readValue(json.writeValueAsString(report), type);
  }

  @Test
  void every_report_reads_back_equal_to_what_was_written() {
    assertThat(roundTrip(cleaning, CleaningReport.class)).isEqualTo(cleaning);
    assertThat(roundTrip(monitoring, MonitoringReport.class)).isEqualTo(monitoring);
    assertThat(roundTrip(forecast, ForecastReport.class)).isEqualTo(forecast);
    assertThat(roundTrip(benchmark, BenchmarkReport.class)).isEqualTo(benchmark);
    assertThat(roundTrip(insights, InsightsReport.class)).isEqualTo(insights);
  }

  @Test
  void reports_name_their_units_and_write_dates_as_iso_text() {
    JsonNode cleaningJson = json.valueToTree(cleaning);
    assertThat(cleaningJson.get("unit").asString()).isEqualTo("kWh");
    assertThat(cleaningJson.get("firstIntervalStart").asString()).isEqualTo("2012-03-01T05:00:00Z");
    assertThat(cleaningJson.get("daylightSavingDays").get(0).get("date").asString()).isEqualTo("2012-03-11");
    assertThat(cleaningJson.get("findings").get(0).get("kind").asString()).isEqualTo("PROVIDER_QUALITY_FLAG");

    JsonNode insightsJson = json.valueToTree(insights);
    assertThat(insightsJson.get("unit").asString()).isEqualTo("kWh");
    assertThat(insightsJson.get("weekdayHourlyProfile").size()).isEqualTo(24);
    assertThat(insightsJson.get("highestHourStart").asString()).endsWith("-05:00").doesNotEndWith("Z");
    assertThat(insightsJson.get("averageDailyUsage").isNumber()).isTrue();

    JsonNode forecastJson = json.valueToTree(forecast);
    assertThat(forecastJson.get("periodFirstDay").asString()).isEqualTo("2012-03-14");
    assertThat(forecastJson.get("method").asString()).startsWith("day-type rate");
    assertThat(json.valueToTree(monitoring).get("unit").asString()).isEqualTo("kWh");
    assertThat(json.valueToTree(benchmark).get("percentile").decimalValue()).isEqualByComparingTo("50");
  }
}
