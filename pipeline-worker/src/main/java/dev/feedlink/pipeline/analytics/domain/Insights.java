package dev.feedlink.pipeline.analytics.domain;

import java.util.Objects;

/**
 * Substage "Insights": average daily usage (overall, weekdays, weekends), the peak hour of day, the
 * base load and the weekday and weekend average hourly profiles, all in local time.
 */
public final class Insights {

  private final InsightsSettings settings;

  public Insights() {
    this(InsightsSettings.defaults());
  }

  public Insights(InsightsSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The insights of the usable series. */
  public InsightsReport derive(UsableSeries series) {
    throw new UnsupportedOperationException("Insights is being implemented");
  }
}
