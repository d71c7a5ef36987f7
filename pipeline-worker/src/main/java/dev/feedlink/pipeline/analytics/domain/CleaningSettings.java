package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Tuning of {@link HistoricalDataCleaning}.
 *
 * @param outlierThreshold a reading is an outlier when its robust z-score (distance from its
 *     group's median in robust standard deviations, 1.4826 × MAD) exceeds this. The default, 10,
 *     aims at meter faults (a value many times what that hour usually sees) rather than ordinary
 *     behaviour such as a heater switched on; 3.5 is the textbook value and flags far more.
 * @param minimumRelativeSpread the robust standard deviation is never taken below this fraction of
 *     the typical level (the larger of the group's median and the series' typical level, the
 *     median of its monthly groups' medians), so a very steady hour does not turn small variations
 *     into outliers
 * @param minimumGroupSize fewest readings a group (local hour of day × day type × month, else ×
 *     whole history) needs before its readings are judged at all
 * @param minimumDayCoverage fraction of a local day's intervals that must be usable for the day
 *     to count in daily figures (its total then scaled up for the few intervals missing)
 * @param billTolerance relative difference between a bill's usage and the sum of the readings of
 *     its fully covered period above which the bill is reported
 */
public record CleaningSettings(
    BigDecimal outlierThreshold,
    BigDecimal minimumRelativeSpread,
    int minimumGroupSize,
    BigDecimal minimumDayCoverage,
    BigDecimal billTolerance) {

  public static final BigDecimal DEFAULT_OUTLIER_THRESHOLD = BigDecimal.TEN;
  public static final BigDecimal DEFAULT_MINIMUM_RELATIVE_SPREAD = new BigDecimal("0.10");
  public static final int DEFAULT_MINIMUM_GROUP_SIZE = 12;
  public static final BigDecimal DEFAULT_MINIMUM_DAY_COVERAGE = new BigDecimal("0.90");
  public static final BigDecimal DEFAULT_BILL_TOLERANCE = new BigDecimal("0.02");

  public CleaningSettings {
    Objects.requireNonNull(outlierThreshold, "outlierThreshold");
    Objects.requireNonNull(minimumRelativeSpread, "minimumRelativeSpread");
    Objects.requireNonNull(minimumDayCoverage, "minimumDayCoverage");
    Objects.requireNonNull(billTolerance, "billTolerance");
    Settings.requirePositive("outlierThreshold", outlierThreshold);
    Settings.requireNonNegative("minimumRelativeSpread", minimumRelativeSpread);
    Settings.requireAtLeast("minimumGroupSize", minimumGroupSize, 3);
    Settings.requireFraction("minimumDayCoverage", minimumDayCoverage);
    Settings.requireNonNegative("billTolerance", billTolerance);
  }

  public static CleaningSettings defaults() {
    return new CleaningSettings(
        DEFAULT_OUTLIER_THRESHOLD,
        DEFAULT_MINIMUM_RELATIVE_SPREAD,
        DEFAULT_MINIMUM_GROUP_SIZE,
        DEFAULT_MINIMUM_DAY_COVERAGE,
        DEFAULT_BILL_TOLERANCE);
  }
}
