package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One bill (Green Button {@code UsageSummary}): the billing period from {@code periodStart}
 * (inclusive) to {@code periodEnd} (exclusive), the usage billed and the amount charged.
 *
 * @param usage the usage billed, or {@code null} when the bill does not state it
 * @param usageUnit the unit of {@code usage}, or {@code null} together with it
 * @param amount the amount charged in major units of {@code currency} (e.g. 152.52 dollars), or
 *     {@code null}
 * @param currency the ISO 4217 code (Green Button's numeric 840 is {@code USD}), or {@code null}
 * @param nextBillDate the date the provider names for the next bill, or {@code null}
 */
public record Bill(
    Instant periodStart,
    Instant periodEnd,
    BigDecimal usage,
    UsageUnit usageUnit,
    BigDecimal amount,
    String currency,
    LocalDate nextBillDate) {

  public Bill {
    Objects.requireNonNull(periodStart, "periodStart");
    Objects.requireNonNull(periodEnd, "periodEnd");
    if (!periodEnd.isAfter(periodStart)) {
      throw new IllegalArgumentException("bill periodEnd " + periodEnd + " must be after periodStart " + periodStart);
    }
    if ((usage == null) != (usageUnit == null)) {
      throw new IllegalArgumentException("bill usage and usageUnit are given together or not at all");
    }
  }
}
