package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Tuning of {@link Insights}.
 *
 * @param baseLoadPercentile the percentile of complete hours' usage taken as base load, in (0, 50]
 */
public record InsightsSettings(BigDecimal baseLoadPercentile) {

  public static final BigDecimal DEFAULT_BASE_LOAD_PERCENTILE = new BigDecimal("5");

  public InsightsSettings {
    Objects.requireNonNull(baseLoadPercentile, "baseLoadPercentile");
    if (baseLoadPercentile.signum() <= 0 || baseLoadPercentile.compareTo(new BigDecimal("50")) > 0) {
      throw new IllegalArgumentException("baseLoadPercentile must be in (0, 50], was " + baseLoadPercentile);
    }
  }

  public static InsightsSettings defaults() {
    return new InsightsSettings(DEFAULT_BASE_LOAD_PERCENTILE);
  }
}
