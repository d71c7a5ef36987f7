package dev.feedlink.pipeline.analytics.domain;

/**
 * The substages of seed 002's Processing stage (code 16), in the order the pipeline runs them
 * (docs/events.md), each with the exact name its status event carries in {@code substage}.
 */
public enum ProcessingSubstage {
  HISTORICAL_DATA_CLEANING("Historical Data Cleaning"),
  MONITORING("Monitoring"),
  FORECASTING("Forecasting"),
  INSIGHTS("Insights"),
  BENCHMARKING("Benchmarking");

  private final String seedName;

  ProcessingSubstage(String seedName) {
    this.seedName = seedName;
  }

  /** The name as seed 002 writes it, e.g. {@code Historical Data Cleaning}. */
  public String seedName() {
    return seedName;
  }
}
