/**
 * Processing analytics on utility usage (seed 002, code 16 Processing): the five substages as plain
 * Java, deterministic and free of any framework, so the pipeline runs them and stores their reports.
 *
 * <p>Order and data flow, one account at a time:
 *
 * <ol>
 *   <li>{@link dev.feedlink.pipeline.analytics.domain.HistoricalDataCleaning} takes the stored
 *       {@link dev.feedlink.pipeline.analytics.domain.UsageSeries} and returns a {@link
 *       dev.feedlink.pipeline.analytics.domain.CleaningOutcome}: the {@link
 *       dev.feedlink.pipeline.analytics.domain.CleaningReport} (findings, never an altered value) and
 *       the separate {@link dev.feedlink.pipeline.analytics.domain.UsableSeries} view the next
 *       substages read.
 *   <li>{@link dev.feedlink.pipeline.analytics.domain.Monitoring}, {@link
 *       dev.feedlink.pipeline.analytics.domain.Forecasting} and {@link
 *       dev.feedlink.pipeline.analytics.domain.Insights} read the usable series.
 *   <li>{@link dev.feedlink.pipeline.analytics.domain.Benchmarking} ranks the account's {@link
 *       dev.feedlink.pipeline.analytics.domain.AccountUsage} (from its insights) among the stored
 *       {@code AccountUsage} of the other accounts of the same provider and kind.
 * </ol>
 *
 * <p>Every report is a record of plain fields (strings, numbers, dates, enums, lists of records) that
 * serialises to JSON as it is, and names its unit.
 */
package dev.feedlink.pipeline.analytics.domain;
