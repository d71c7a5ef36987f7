package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Forecasting's result: the usage of the next billing period, with an error estimate from
 * backtesting the same method on past periods. Days of the period already in the data count as
 * observed; the rest are predicted.
 *
 * @param unit symbol of every usage figure, e.g. {@code kWh}
 * @param method the forecasting method, named
 * @param periodFirstDay first local day of the period
 * @param periodLastDay last local day of the period (the day before the next bill date)
 * @param observedUsage usage of the period's days already in the usable data
 * @param predictedUsage usage predicted for the period's other days
 * @param forecastUsage {@code observedUsage + predictedUsage}, the period's expected total
 * @param lowerBound lower end of the prediction interval, or {@code null} without backtest
 * @param upperBound upper end of the prediction interval, or {@code null} without backtest
 * @param intervalCoveragePercent the share of backtest errors the interval covers, in percent
 * @param meanAbsolutePercentageError MAPE of the backtests in percent, or {@code null}
 * @param backtestPeriods how many past periods were backtested
 * @param estimatedAmount {@code forecastUsage} at the latest bill's average price, or {@code null}
 *     when no bill states both usage and amount
 * @param currency the currency of {@code estimatedAmount}, or {@code null}
 */
public record ForecastReport(
    String accountId,
    UsageKind kind,
    String timeZone,
    String unit,
    AnalysisStatus status,
    String statusDetail,
    String method,
    PeriodSource periodSource,
    LocalDate periodFirstDay,
    LocalDate periodLastDay,
    int periodDays,
    int observedDays,
    BigDecimal observedUsage,
    BigDecimal predictedUsage,
    BigDecimal forecastUsage,
    BigDecimal lowerBound,
    BigDecimal upperBound,
    BigDecimal intervalCoveragePercent,
    BigDecimal meanAbsolutePercentageError,
    int backtestPeriods,
    BigDecimal estimatedAmount,
    String currency) {}
