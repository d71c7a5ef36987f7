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
    List<Instant> starts = readings.stream().map(UsableReading::start).toList();
    Bill reach = null;
    for (Bill bill : bills) {
      if (reach != null && bill.periodStart().isBefore(reach.periodEnd())) {
        findings.billOverlap(reach, bill);
      }
      if (reach == null || bill.periodEnd().isAfter(reach.periodEnd())) {
        reach = bill;
      }
      compareWithReadings(bill, readings, starts, findings);
    }
  }

  // Only a period every interval of which is usable has a readings total to compare with.
  private void compareWithReadings(Bill bill, List<UsableReading> readings, List<Instant> starts, Findings findings) {
    if (bill.usage() == null || !bill.usageUnit().convertibleTo(unit)) {
      return;
    }
    long expected = grid.slotsBetween(bill.periodStart(), bill.periodEnd());
    int from = LocalDays.firstAtOrAfter(starts, bill.periodStart());
    int to = LocalDays.firstAtOrAfter(starts, bill.periodEnd());
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
}
