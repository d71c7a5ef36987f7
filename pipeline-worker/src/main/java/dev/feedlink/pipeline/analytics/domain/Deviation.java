package dev.feedlink.pipeline.analytics.domain;

/** Which side of the expected value an anomalous day lies on. */
public enum Deviation {
  ABOVE_EXPECTED,
  BELOW_EXPECTED
}
