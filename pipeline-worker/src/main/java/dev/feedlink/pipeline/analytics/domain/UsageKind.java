package dev.feedlink.pipeline.analytics.domain;

/** What an account's meter measures (Green Button {@code ServiceCategory/kind} 0 and 1). */
public enum UsageKind {
  ELECTRICITY,
  GAS
}
