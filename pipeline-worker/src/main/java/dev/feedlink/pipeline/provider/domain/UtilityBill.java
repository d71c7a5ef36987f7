package dev.feedlink.pipeline.provider.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One bill: its period, amount (decimal, in {@code currency}), usage and the dates the utility gave. */
public record UtilityBill(
    Instant periodStart,
    Instant periodEnd,
    BigDecimal amount,
    String currency,
    BigDecimal usage,
    String unit,
    LocalDate dueDate,
    LocalDate nextBillDate) {

  /** Stable across fetches: a bill is its account and period start. */
  public String billId() {
    return "bill-" + periodStart.getEpochSecond();
  }
}
