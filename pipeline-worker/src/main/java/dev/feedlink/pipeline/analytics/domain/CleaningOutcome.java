package dev.feedlink.pipeline.analytics.domain;

/**
 * Historical Data Cleaning's result: the {@code report} to store and serve, and the {@code usable}
 * view to hand to the next substages (not meant for storage: it is derived again on each run).
 */
public record CleaningOutcome(CleaningReport report, UsableSeries usable) {}
