package dev.feedlink.pipeline.analytics.domain;

import java.util.Objects;

/**
 * Substage "Monitoring": finds the days whose total is far from what the account's own history
 * predicts. Each usable day is compared with the usable days of the same day type in the weeks
 * before it (never after: a day is judged as it could have been on the day), by a robust z-score
 * of its usage per hour against their median and MAD, so DST days compare fairly.
 */
public final class Monitoring {

  private final MonitoringSettings settings;

  public Monitoring() {
    this(MonitoringSettings.defaults());
  }

  public Monitoring(MonitoringSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The anomalous days of the usable series. */
  public MonitoringReport monitor(UsableSeries series) {
    throw new UnsupportedOperationException("Monitoring is being implemented");
  }
}
