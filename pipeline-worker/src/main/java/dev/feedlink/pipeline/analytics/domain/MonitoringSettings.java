package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Tuning of {@link Monitoring}. A day is anomalous when both its robust z-score and its relative
 * deviation from the expected value pass their thresholds: the first says "unusual for this
 * account", the second "large enough to matter" (a steady household's 5 % is not news).
 *
 * @param threshold robust z-score (against 1.4826 × MAD of the history) from which a day is anomalous
 * @param minimumRelativeDeviation fraction of the expected value the day must also differ by
 * @param minimumRelativeSpread floor of the robust standard deviation as a fraction of the median
 * @param historyDays calendar days before a day whose same-day-type days form its history
 * @param minimumHistoryDays fewest usable history days of the same day type to judge a day at all
 */
public record MonitoringSettings(
    BigDecimal threshold,
    BigDecimal minimumRelativeDeviation,
    BigDecimal minimumRelativeSpread,
    int historyDays,
    int minimumHistoryDays) {

  public static final BigDecimal DEFAULT_THRESHOLD = new BigDecimal("3.5");
  public static final BigDecimal DEFAULT_MINIMUM_RELATIVE_DEVIATION = new BigDecimal("0.25");
  public static final BigDecimal DEFAULT_MINIMUM_RELATIVE_SPREAD = new BigDecimal("0.02");
  public static final int DEFAULT_HISTORY_DAYS = 56;
  public static final int DEFAULT_MINIMUM_HISTORY_DAYS = 4;

  public MonitoringSettings {
    Objects.requireNonNull(threshold, "threshold");
    Objects.requireNonNull(minimumRelativeDeviation, "minimumRelativeDeviation");
    Objects.requireNonNull(minimumRelativeSpread, "minimumRelativeSpread");
    Settings.requirePositive("threshold", threshold);
    Settings.requireNonNegative("minimumRelativeDeviation", minimumRelativeDeviation);
    Settings.requireNonNegative("minimumRelativeSpread", minimumRelativeSpread);
    Settings.requireAtLeast("historyDays", historyDays, 7);
    Settings.requireAtLeast("minimumHistoryDays", minimumHistoryDays, 2);
  }

  public static MonitoringSettings defaults() {
    return new MonitoringSettings(
        DEFAULT_THRESHOLD,
        DEFAULT_MINIMUM_RELATIVE_DEVIATION,
        DEFAULT_MINIMUM_RELATIVE_SPREAD,
        DEFAULT_HISTORY_DAYS,
        DEFAULT_MINIMUM_HISTORY_DAYS);
  }
}
