package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;

/**
 * Benchmarking's result: where the account's average daily usage ranks among its peers (the other
 * accounts of the same provider and kind).
 *
 * @param unit symbol of the usage figures, per day
 * @param averageDailyUsage the account's usage per day
 * @param peerCount peers compared (the account itself and accounts without usage not counted)
 * @param percentile share of peers using less, ties counting half, in percent [0, 100]: 0 = uses
 *     the least, 100 = uses the most; {@code null} without peers
 * @param peerMedianDailyUsage the peers' median usage per day, or {@code null} without peers
 */
public record BenchmarkReport(
    String accountId,
    String providerId,
    UsageKind kind,
    String unit,
    AnalysisStatus status,
    String statusDetail,
    String method,
    BigDecimal averageDailyUsage,
    int peerCount,
    int peersBelow,
    int peersEqual,
    int peersAbove,
    BigDecimal percentile,
    BigDecimal peerMedianDailyUsage) {}
