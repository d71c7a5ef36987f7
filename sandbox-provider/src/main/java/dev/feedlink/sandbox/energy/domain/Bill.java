package dev.feedlink.sandbox.energy.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A monthly bill: the usage of the billing period (the sum of its readings as served) and its cost.
 *
 * @param billDate the local day the bill is issued and published (at its start), ending the period
 * @param consumption in the commodity's uom × 10^powerOfTenMultiplier
 * @param usageCost the readings' cost, in 1/100000 of the currency
 * @param fixedCharge the monthly charge on top, same unit
 */
public record Bill(
    LocalDate billDate,
    Instant periodStart,
    Instant periodEnd,
    long consumption,
    long usageCost,
    long fixedCharge,
    LocalDate dueDate,
    LocalDate nextBillDate) {

  public long total() {
    return usageCost + fixedCharge;
  }

  public Instant published() {
    return periodEnd;
  }
}
