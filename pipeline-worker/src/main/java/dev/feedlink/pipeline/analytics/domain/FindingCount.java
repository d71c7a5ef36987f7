package dev.feedlink.pipeline.analytics.domain;

/** How many findings of one kind a cleaning report holds. */
public record FindingCount(FindingKind kind, int count) {}
