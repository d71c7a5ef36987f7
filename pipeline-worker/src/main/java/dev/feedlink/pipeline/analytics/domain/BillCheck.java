package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Checks bills against each other and against the readings: the provider's two accounts of the
 * same usage should agree, and a disagreement is worth showing to someone who reads either.
 */
final class BillCheck {

  private final IntervalGrid grid;
  private final UsageUnit unit;
  private final BigDecimal tolerance;

  BillCheck(IntervalGrid grid, UsageUnit unit, BigDecimal tolerance) {
    this.grid = grid;
    this.unit = unit;
    this.tolerance = tolerance;
  }

  /** {@code bills} sorted by period start, {@code readings} by start. */
  void check(List<Bill> bills, List<UsableReading> readings, Findings findings) {
    Bill reach = null;
    for (Bill bill : bills) {
      if (reach != null && bill.periodStart().isBefore(reach.periodEnd())) {
        findings.billOverlap(reach, bill);
      }
      if (reach == null || bill.periodEnd().isAfter(reach.periodEnd())) {
        reach = bill;
      }
      compareWithReadings(bill, readings, findings);
    }
  }

  // Only a period every interval of which is usable has a readings total to compare with.
  private void compareWithReadings(Bill bill, List<UsableReading> readings, Findings findings) {
    if (bill.usage() == null || !bill.usageUnit().convertibleTo(unit)) {
      return;
    }
    long expected = grid.slotsBetween(bill.periodStart(), bill.periodEnd());
    int from = firstAtOrAfter(readings, bill.periodStart());
    int to = firstAtOrAfter(readings, bill.periodEnd());
    if (expected == 0 || to - from != expected) {
      return;
    }
    BigDecimal measured = BigDecimal.ZERO;
    for (int i = from; i < to; i++) {
      measured = measured.add(readings.get(i).usage());
    }
    BigDecimal billed = bill.usageUnit().convert(bill.usage(), unit);
    BigDecimal difference = billed.subtract(measured).abs();
    if (measured.signum() == 0) {
      if (difference.signum() != 0) {
        findings.billMismatch(bill, billed, measured, unit, null);
      }
      return;
    }
    BigDecimal relative = difference.divide(measured, RobustStatistics.MATH);
    if (relative.compareTo(tolerance) > 0) {
      findings.billMismatch(bill, billed, measured, unit, relative);
    }
  }

  private static int firstAtOrAfter(List<UsableReading> readings, Instant instant) {
    int low = 0;
    int high = readings.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (readings.get(middle).start().isBefore(instant)) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }
}
