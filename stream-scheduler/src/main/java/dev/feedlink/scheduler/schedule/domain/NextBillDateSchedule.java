package dev.feedlink.scheduler.schedule.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;

/**
 * On the date of the next bill, as the latest bill data says ({@code knownBillDate}).
 *
 * <p>Bills are often posted a day or more after their date, so when the bill date has passed and no
 * newer bill date is known yet, it tries again on each of the {@link #RETRY_DAYS} following days (a
 * bill that arrives carries the next bill date, which ends the retries).
 *
 * <p>Fallback, documented in the README: until a bill date is known, or after the retries, it fires
 * monthly on {@code anchorDay} (clamped to the month's last day) - the day of the month of the last
 * known bill date, or of the activation when no bill date was ever known - since bills recur
 * monthly on about the same day.
 */
public record NextBillDateSchedule(LocalDate knownBillDate, int anchorDay, FiringTime time) implements Schedule {

  public static final int RETRY_DAYS = 3;

  public NextBillDateSchedule {
    if (anchorDay < 1 || anchorDay > 31) {
      throw new IllegalArgumentException("anchor day " + anchorDay + " is not within 1..31");
    }
  }

  /** The same schedule once a bill with its next bill date is known. */
  public NextBillDateSchedule withBillDate(LocalDate billDate) {
    return new NextBillDateSchedule(billDate, billDate.getDayOfMonth(), time);
  }

  @Override
  public ScheduleType type() {
    return ScheduleType.NEXT_BILL_DATE;
  }

  @Override
  public Optional<LocalDate> firstDateOnOrAfter(LocalDate date) {
    LocalDate fallbackFrom = date;
    if (knownBillDate != null) {
      LocalDate lastRetry = knownBillDate.plusDays(RETRY_DAYS);
      if (!date.isAfter(lastRetry)) {
        return Optional.of(date.isBefore(knownBillDate) ? knownBillDate : date);
      }
      fallbackFrom = date;
    }
    YearMonth month = YearMonth.from(fallbackFrom);
    while (true) {
      LocalDate candidate = MonthlySchedule.clamp(month, anchorDay);
      if (!candidate.isBefore(fallbackFrom)) {
        return Optional.of(candidate);
      }
      month = month.plusMonths(1);
    }
  }
}
