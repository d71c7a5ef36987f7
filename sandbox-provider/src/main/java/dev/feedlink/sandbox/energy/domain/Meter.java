package dev.feedlink.sandbox.energy.domain;

import dev.feedlink.sandbox.domain.Noise;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One account's meter as the utility publishes it: days from its history start, each published at
 * its end, and a bill on the same day each month, published at the start of that day. Only what is
 * published by {@code now} exists. One instance serves one request (it keeps the days it made).
 */
public final class Meter {

  /** Days between a bill and its due date. */
  public static final int DAYS_TO_PAY = 21;

  private final LoadModel model;
  /** Days already generated for this meter: a bill sums days a feed usually holds anyway. */
  private final Map<LocalDate, MeterDay> generated = new HashMap<>();
  private final LocalDate historyStart;
  private final boolean hasData;
  private final int billDay;

  /**
   * @param historyStart the first local day with readings
   * @param hasData false for an account with no data at all ({@code user_nodata})
   */
  public Meter(String accountNumber, Commodity commodity, LocalDate historyStart, boolean hasData) {
    this.model = new LoadModel(accountNumber, commodity);
    this.historyStart = historyStart;
    this.hasData = hasData;
    this.billDay = 1 + (int) Math.floorMod(Noise.seedOf("bill-day:" + accountNumber), 28L);
  }

  public Commodity commodity() {
    return model.commodity();
  }

  public LocalDate historyStart() {
    return historyStart;
  }

  /** Days whose publication instant (their end) is within [min, max] and not after now. */
  public List<MeterDay> publishedDays(Instant min, Instant max, Instant now) {
    Instant upper = max.isAfter(now) ? now : max;
    if (nothingIn(min, upper)) {
      return List.of();
    }
    List<MeterDay> days = new ArrayList<>();
    LocalDate first = later(historyStart, localDate(min).minusDays(1));
    LocalDate last = localDate(upper).minusDays(1);
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      Instant published = startOf(d.plusDays(1));
      if (!published.isBefore(min) && !published.isAfter(upper)) {
        days.add(day(d));
      }
    }
    return days;
  }

  /** Bills whose bill date starts within [min, max] and not after now, for periods inside the history. */
  public List<Bill> publishedBills(Instant min, Instant max, Instant now) {
    Instant upper = max.isAfter(now) ? now : max;
    if (nothingIn(min, upper)) {
      return List.of();
    }
    List<Bill> bills = new ArrayList<>();
    YearMonth last = YearMonth.from(localDate(upper));
    for (YearMonth m = YearMonth.from(later(historyStart, localDate(min))).minusMonths(1); !m.isAfter(last); m = m.plusMonths(1)) {
      LocalDate billDate = m.atDay(billDay);
      Instant published = startOf(billDate);
      if (!billDate.minusMonths(1).isBefore(historyStart) && !published.isBefore(min) && !published.isAfter(upper)) {
        bills.add(bill(billDate));
      }
    }
    return bills;
  }

  /** The bill issued on {@code billDate}, covering the month of days before it. */
  public Bill bill(LocalDate billDate) {
    LocalDate from = billDate.minusMonths(1);
    long consumption = 0;
    long cost = 0;
    for (LocalDate d = from; d.isBefore(billDate); d = d.plusDays(1)) {
      MeterDay day = day(d);
      consumption += day.totalValue();
      cost += day.totalCost();
    }
    return new Bill(
        billDate,
        startOf(from),
        startOf(billDate),
        consumption,
        cost,
        model.commodity().fixedCharge(),
        billDate.plusDays(DAYS_TO_PAY),
        billDate.plusMonths(1));
  }

  private MeterDay day(LocalDate date) {
    return generated.computeIfAbsent(date, model::day);
  }

  private boolean nothingIn(Instant min, Instant upper) {
    return !hasData || min.isAfter(upper);
  }

  private static LocalDate later(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  static LocalDate localDate(Instant instant) {
    return instant.atZone(LoadModel.ZONE).toLocalDate();
  }

  static Instant startOf(LocalDate date) {
    return date.atStartOfDay(LoadModel.ZONE).toInstant();
  }
}
