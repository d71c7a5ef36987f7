package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What Benchmarking compares for one account: its average daily usage (from its {@link
 * InsightsReport}), with the provider and kind that decide who its peers are. The pipeline keeps
 * one per account so that an account is benchmarked without reloading every peer's readings.
 *
 * @param averageDailyUsage usage per day, or {@code null} when the account has no usable day
 */
public record AccountUsage(
    String accountId, String providerId, UsageKind kind, BigDecimal averageDailyUsage, UsageUnit unit) {

  public AccountUsage {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(unit, "unit");
  }

  /** The account's usage as its insights state it, at {@code providerId}. */
  public static AccountUsage of(String providerId, InsightsReport insights) {
    return new AccountUsage(
        insights.accountId(),
        providerId,
        insights.kind(),
        insights.averageDailyUsage(),
        UsageUnit.fromSymbol(insights.unit()));
  }
}
