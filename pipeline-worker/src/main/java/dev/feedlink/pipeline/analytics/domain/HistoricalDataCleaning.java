package dev.feedlink.pipeline.analytics.domain;

import java.util.Objects;

/**
 * Substage "Historical Data Cleaning": finds what is wrong with an account's readings and bills,
 * and says so, without changing a value.
 *
 * <p>It works on the interval grid: the series' interval length is the most common reading span
 * and its phase the most common start offset, so days are counted on real instants and a DST day's
 * 92 or 100 quarter-hours are complete, not a gap. Findings: gaps, duplicates (identical: one kept;
 * conflicting: none kept), negative readings, outliers (robust z-score per local hour of day × day
 * type × month), spans of the wrong length, starts off the grid, units that do not convert,
 * provider quality flags, bills that disagree with their readings or overlap.
 */
public final class HistoricalDataCleaning {

  private final CleaningSettings settings;

  public HistoricalDataCleaning() {
    this(CleaningSettings.defaults());
  }

  public HistoricalDataCleaning(CleaningSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Cleans one account's series.
   *
   * @return the report of findings and the usable view for the next substages; an empty series
   *     gives an empty report and an empty view
   */
  public CleaningOutcome clean(UsageSeries series) {
    throw new UnsupportedOperationException("Historical Data Cleaning is being implemented");
  }
}
