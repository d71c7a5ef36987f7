package dev.feedlink.pipeline.analytics.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

/** The next billing period: local days {@code first} to {@code end} (exclusive). */
record ForecastPeriod(LocalDate first, LocalDate end, PeriodSource source) {

  int days() {
    return (int) ChronoUnit.DAYS.between(first, end);
  }

  /**
   * The period after the latest bill; with no bill, the calendar month the data continues into. A
   * period already wholly in the data is past (its bill is merely late), so the cycle moves on.
   *
   * @param lastDataDay the last local day with a reading
   */
  static ForecastPeriod next(List<Bill> bills, ZoneId zone, LocalDate lastDataDay) {
    if (bills.isEmpty()) {
      LocalDate month = lastDataDay.plusDays(1).withDayOfMonth(1);
      return new ForecastPeriod(month, month.plusMonths(1), PeriodSource.CALENDAR_MONTH);
    }
    Bill latest =
        bills.stream().max(Comparator.comparing(Bill::periodEnd).thenComparing(Bill::periodStart)).orElseThrow();
    LocalDate start = nearestMidnight(latest.periodEnd(), zone);
    LocalDate end;
    PeriodSource source;
    if (latest.nextBillDate() != null && latest.nextBillDate().isAfter(start)) {
      end = latest.nextBillDate();
      source = PeriodSource.NEXT_BILL_DATE;
    } else {
      long length = Math.max(1, ChronoUnit.DAYS.between(nearestMidnight(latest.periodStart(), zone), start));
      end = start.plusDays(length);
      source = PeriodSource.LATEST_BILL_LENGTH;
    }
    long length = ChronoUnit.DAYS.between(start, end);
    while (!end.isAfter(lastDataDay.plusDays(1))) {
      start = end;
      end = start.plusDays(length);
      source = PeriodSource.BILL_CYCLE_CARRIED_FORWARD;
    }
    return new ForecastPeriod(start, end, source);
  }

  // Billing periods run midnight to midnight; a provider a few hours off still means that day.
  private static LocalDate nearestMidnight(Instant instant, ZoneId zone) {
    ZonedDateTime local = instant.atZone(zone);
    LocalDate date = local.toLocalDate();
    return local.toLocalTime().isBefore(LocalTime.NOON) ? date : date.plusDays(1);
  }
}
