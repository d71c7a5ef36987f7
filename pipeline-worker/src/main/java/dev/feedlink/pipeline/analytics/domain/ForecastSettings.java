package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Tuning of {@link Forecasting}.
 *
 * @param lookbackDays calendar days before the forecast's cut-off whose usable days give the
 *     usage rate per day type
 * @param backtestPeriods how many past periods of the target's length to forecast the same way and
 *     compare with what was used (the error estimate)
 * @param intervalCoverage the share of backtest errors the prediction interval covers, in (0, 1]
 */
public record ForecastSettings(int lookbackDays, int backtestPeriods, BigDecimal intervalCoverage) {

  public static final int DEFAULT_LOOKBACK_DAYS = 28;
  public static final int DEFAULT_BACKTEST_PERIODS = 6;
  public static final BigDecimal DEFAULT_INTERVAL_COVERAGE = new BigDecimal("0.80");

  public ForecastSettings {
    Objects.requireNonNull(intervalCoverage, "intervalCoverage");
    Settings.requireAtLeast("lookbackDays", lookbackDays, 7);
    Settings.requireAtLeast("backtestPeriods", backtestPeriods, 1);
    Settings.requireFraction("intervalCoverage", intervalCoverage);
  }

  public static ForecastSettings defaults() {
    return new ForecastSettings(DEFAULT_LOOKBACK_DAYS, DEFAULT_BACKTEST_PERIODS, DEFAULT_INTERVAL_COVERAGE);
  }
}
