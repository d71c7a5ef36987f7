package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One interval reading as the provider gave it: the usage between {@code start} (inclusive) and
 * {@code end} (exclusive), in {@code unit} (already scaled by Green Button's
 * {@code powerOfTenMultiplier}). Nothing is checked beyond presence: a negative value, a zero or
 * inverted span is data for cleaning to report, not a reason to refuse the series.
 *
 * @param quality the provider's quality code, or {@code null} when it gave none
 */
public record IntervalReading(
    Instant start, Instant end, BigDecimal usage, UsageUnit unit, ReadingQuality quality) {

  public IntervalReading {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(unit, "unit");
  }

  /** A reading without a quality code, spanning {@code length} from {@code start}. */
  public static IntervalReading of(Instant start, Duration length, BigDecimal usage, UsageUnit unit) {
    return new IntervalReading(start, start.plus(length), usage, unit, null);
  }

  /** The reading's span in seconds (zero or negative for a malformed span). */
  public long lengthSeconds() {
    return Duration.between(start, end).toSeconds();
  }
}
