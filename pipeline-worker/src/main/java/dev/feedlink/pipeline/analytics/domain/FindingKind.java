package dev.feedlink.pipeline.analytics.domain;

/** What Historical Data Cleaning found; whether the reading is left out is on each finding. */
public enum FindingKind {
  /** Intervals with no reading at all between two that exist (a DST day's 92 or 100 are no gap). */
  GAP,
  /** Several readings for one interval with the same value: one is used. */
  DUPLICATE,
  /** Several readings for one interval with different values: none is used, as none is known right. */
  CONFLICTING_DUPLICATE,
  /** A consumption reading below zero: left out. */
  NEGATIVE_READING,
  /** A reading far from what its local hour usually sees (robust z-score): left out. */
  OUTLIER,
  /** A reading whose span differs from the series' interval length: left out. */
  INCONSISTENT_INTERVAL_LENGTH,
  /** A reading of the right length starting off the series' interval grid: left out. */
  MISALIGNED_INTERVAL,
  /** A reading in a unit that does not convert to the series' unit (e.g. m3 among therms): left out. */
  INCOMPATIBLE_UNIT,
  /** The provider marked the reading estimated, edited, derived, projected or questionable: kept. */
  PROVIDER_QUALITY_FLAG,
  /** A bill's usage differs from the readings of its fully covered period beyond the tolerance. */
  BILL_USAGE_MISMATCH,
  /** Two bills whose periods overlap. */
  OVERLAPPING_BILLS
}
