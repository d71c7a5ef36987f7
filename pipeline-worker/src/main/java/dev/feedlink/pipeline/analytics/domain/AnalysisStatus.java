package dev.feedlink.pipeline.analytics.domain;

/** How far a substage got with the data it was given; the report's {@code statusDetail} says why. */
public enum AnalysisStatus {
  /** Every figure of the report is computed. */
  COMPLETE,
  /** The main figures are computed; some are {@code null} for want of data (e.g. no error estimate). */
  PARTIAL,
  /** Too little usable data for the main figures, which are {@code null}. */
  INSUFFICIENT_DATA
}
