package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Substage "Forecasting": the usage of the next billing period.
 *
 * <p>The period runs from the latest bill's period end to its next bill date (or for that bill's
 * length; or, with no bill, the calendar month the data continues into). Days of the period already
 * in the data are taken as measured; each other day is predicted as the mean usage per hour of the
 * usable days of its day type in the lookback window before the cut-off, times the day's hours. The
 * error estimate comes from forecasting earlier periods of the same length the same way and
 * comparing with what was used: their mean absolute percentage error, and an interval from their
 * errors' quantile.
 */
public final class Forecasting {

  private final ForecastSettings settings;

  public Forecasting() {
    this(ForecastSettings.defaults());
  }

  public Forecasting(ForecastSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The forecast for the next billing period of the usable series. */
  public ForecastReport forecast(UsableSeries series) {
    Objects.requireNonNull(series, "series");
    if (series.days().isEmpty()) {
      return insufficient(series, null, "no reading");
    }
    ZoneId zone = series.zone();
    NavigableMap<LocalDate, DailyUsage> usable = new TreeMap<>();
    for (DailyUsage day : series.days()) {
      if (day.usable()) {
        usable.put(day.date(), day);
      }
    }
    LocalDate cutoff = series.days().get(series.days().size() - 1).date().plusDays(1);
    ForecastPeriod period = ForecastPeriod.next(series.bills(), zone, cutoff.minusDays(1));
    DayTypeRates rates = DayTypeRates.before(usable, cutoff, settings.lookbackDays());
    if (rates == null) {
      return insufficient(
          series, period, "no usable day in the " + settings.lookbackDays() + " days before " + cutoff);
    }
    BigDecimal observed = BigDecimal.ZERO;
    BigDecimal predicted = BigDecimal.ZERO;
    int observedDays = 0;
    for (LocalDate date = period.first(); date.isBefore(period.end()); date = date.plusDays(1)) {
      DailyUsage day = usable.get(date);
      if (day != null) {
        observed = observed.add(day.usage());
        observedDays++;
      } else {
        predicted = predicted.add(rates.predict(DayType.of(date), LocalDays.hours(date, zone)));
      }
    }
    List<BigDecimal> errors = backtest(usable, period, zone);
    BigDecimal forecast = observed.add(predicted);
    BigDecimal mape = null;
    BigDecimal lower = null;
    BigDecimal upper = null;
    if (!errors.isEmpty()) {
      mape = RobustStatistics.mean(errors);
      BigDecimal quantile =
          RobustStatistics.percentile(
              RobustStatistics.sorted(errors), settings.intervalCoverage().multiply(Figures.HUNDRED));
      lower = observed.add(predicted.multiply(BigDecimal.ONE.subtract(quantile).max(BigDecimal.ZERO)));
      upper = observed.add(predicted.multiply(BigDecimal.ONE.add(quantile)));
    }
    Bill priced = latestPricedBill(series);
    BigDecimal amount = null;
    if (priced != null) {
      BigDecimal price = priced.amount().divide(priced.usageUnit().convert(priced.usage(), series.unit()), RobustStatistics.MATH);
      amount = Figures.ratio(forecast.multiply(price));
    }
    String detail =
        errors.isEmpty()
            ? "no earlier " + period.days() + "-day period with every day usable and history before it, so no error"
                + " estimate"
            : errors.size() + " earlier periods backtested";
    return new ForecastReport(
        series.accountId(),
        series.kind(),
        zone.getId(),
        series.unit().symbol(),
        errors.isEmpty() ? AnalysisStatus.PARTIAL : AnalysisStatus.COMPLETE,
        detail,
        method(),
        period.source(),
        period.first(),
        period.end().minusDays(1),
        period.days(),
        observedDays,
        Figures.usage(observed),
        Figures.usage(predicted),
        Figures.usage(forecast),
        Figures.usage(lower),
        Figures.usage(upper),
        Figures.percent(settings.intervalCoverage()),
        Figures.percent(mape),
        errors.size(),
        amount,
        priced == null ? null : priced.currency());
  }

  /**
   * Absolute percentage errors (as fractions) of forecasting each of the earlier periods of the
   * same length, ending where the target begins, from the data before each.
   */
  private List<BigDecimal> backtest(NavigableMap<LocalDate, DailyUsage> usable, ForecastPeriod period, ZoneId zone) {
    List<BigDecimal> errors = new ArrayList<>();
    int length = period.days();
    for (int i = 1; i <= settings.backtestPeriods(); i++) {
      LocalDate start = period.first().minusDays((long) i * length);
      LocalDate end = start.plusDays(length);
      if (usable.subMap(start, true, end, false).size() != length) {
        continue;
      }
      DayTypeRates rates = DayTypeRates.before(usable, start, settings.lookbackDays());
      if (rates == null) {
        continue;
      }
      BigDecimal forecast = BigDecimal.ZERO;
      BigDecimal actual = BigDecimal.ZERO;
      for (LocalDate date = start; date.isBefore(end); date = date.plusDays(1)) {
        forecast = forecast.add(rates.predict(DayType.of(date), LocalDays.hours(date, zone)));
        actual = actual.add(usable.get(date).usage());
      }
      if (actual.signum() > 0) {
        errors.add(forecast.subtract(actual).abs().divide(actual, RobustStatistics.MATH));
      }
    }
    return errors;
  }

  private static Bill latestPricedBill(UsableSeries series) {
    return series.bills().stream()
        .filter(bill -> bill.amount() != null && bill.currency() != null && bill.usage() != null)
        .filter(bill -> bill.usageUnit().convertibleTo(series.unit()) && bill.usage().signum() > 0)
        .max(Comparator.comparing(Bill::periodEnd))
        .orElse(null);
  }

  private ForecastReport insufficient(UsableSeries series, ForecastPeriod period, String detail) {
    return new ForecastReport(
        series.accountId(),
        series.kind(),
        series.zone().getId(),
        series.unit().symbol(),
        AnalysisStatus.INSUFFICIENT_DATA,
        detail,
        method(),
        period == null ? null : period.source(),
        period == null ? null : period.first(),
        period == null ? null : period.end().minusDays(1),
        period == null ? 0 : period.days(),
        0,
        null,
        null,
        null,
        null,
        null,
        Figures.percent(settings.intervalCoverage()),
        null,
        0,
        null,
        null);
  }

  private String method() {
    return "day-type rate: each day not yet measured gets the mean usage per hour of the usable days of its day"
        + " type in the " + settings.lookbackDays() + " days before the data ends, times its hours; error from"
        + " backtesting up to " + settings.backtestPeriods() + " earlier periods of the same length (MAPE, interval"
        + " from the " + Figures.percent(settings.intervalCoverage()).stripTrailingZeros().toPlainString()
        + "th percentile of their absolute percentage errors, applied to the predicted part)";
  }
}
