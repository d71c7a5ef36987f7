package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One thing Historical Data Cleaning found, on the span {@code start} to {@code end} (a reading's
 * interval, a gap, or a bill's period).
 *
 * @param value the reading's (or bill's) usage in {@code unit}, or {@code null} for a gap
 * @param expectedValue what was expected instead in {@code unit} (an outlier's group median, a
 *     bill's readings total), or {@code null}
 * @param unit the symbol of {@code value}'s unit (the reading's own unit for an incompatible one)
 * @param excludedFromAnalysis whether the reading is left out of the {@link UsableSeries}
 * @param reason a sentence a person can act on, with local times
 */
public record CleaningFinding(
    FindingKind kind,
    Instant start,
    Instant end,
    BigDecimal value,
    BigDecimal expectedValue,
    String unit,
    boolean excludedFromAnalysis,
    String reason) {

  public CleaningFinding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(reason, "reason");
  }
}
