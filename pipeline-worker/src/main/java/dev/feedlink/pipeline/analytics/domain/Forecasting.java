package dev.feedlink.pipeline.analytics.domain;

import java.util.Objects;

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
    throw new UnsupportedOperationException("Forecasting is being implemented");
  }
}
