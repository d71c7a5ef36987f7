package dev.feedlink.pipeline.provider.domain;

import dev.feedlink.pipeline.provider.domain.GreenButtonFeed.IntervalBlock;
import dev.feedlink.pipeline.provider.domain.GreenButtonFeed.IntervalReading;
import dev.feedlink.pipeline.provider.domain.GreenButtonFeed.MeterReading;
import dev.feedlink.pipeline.provider.domain.GreenButtonFeed.UsagePoint;
import dev.feedlink.pipeline.provider.domain.GreenButtonFeed.UsageSummary;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a parsed feed into accounts with readings and bills in delivered units. A usage point is an
 * account; its consumption meter reading gives the intervals (a reading that repeats an interval
 * start already seen is the same reading and kept once). Bill amounts are in 1/100000 of the
 * currency, as ESPI states them.
 */
public final class GreenButtonStructure {

  private static final int BILL_AMOUNT_SCALE = 5;

  private GreenButtonStructure() {}

  public static List<UtilityAccount> accounts(GreenButtonFeed feed) {
    List<UtilityAccount> accounts = new ArrayList<>();
    for (UsagePoint point : feed.usagePoints()) {
      accounts.add(account(point));
    }
    return accounts;
  }

  private static UtilityAccount account(UsagePoint point) {
    MeterReading meter = point.meterReadings().stream().filter(MeterReading::isConsumption).findFirst().orElse(null);
    Map<Instant, UsageInterval> intervals = new LinkedHashMap<>();
    String unit = meter == null ? null : meter.readingType().unit().deliveredUnit();
    int intervalSeconds = 0;
    if (meter != null) {
      EspiUnit espiUnit = meter.readingType().unit();
      int multiplier = meter.readingType().powerOfTenMultiplier();
      Integer length = meter.readingType().intervalLength();
      intervalSeconds = length == null ? 0 : length;
      for (IntervalBlock block : meter.blocks()) {
        for (IntervalReading r : block.readings()) {
          Instant start = Instant.ofEpochSecond(r.start());
          intervals.putIfAbsent(
              start,
              new UsageInterval(start, Math.toIntExact(r.duration()), espiUnit.delivered(r.value(), multiplier), espiUnit.deliveredUnit(), quality(r.quality())));
        }
      }
      if (intervalSeconds == 0 && !intervals.isEmpty()) {
        intervalSeconds = intervals.values().iterator().next().durationSeconds();
      }
    }
    List<UtilityBill> bills = new ArrayList<>();
    for (UsageSummary s : point.summaries()) {
      // A summary that states no amount billed is usage information, not a bill.
      if (s.billLastPeriod() != null) {
        bills.add(bill(s));
      }
    }
    String name = point.title() == null || point.title().isBlank() ? null : point.title();
    return new UtilityAccount(
        point.id(), name, point.kind().label(), intervalSeconds, unit, point.localTime(), List.copyOf(intervals.values()), bills);
  }

  private static UtilityBill bill(UsageSummary s) {
    Instant start = Instant.ofEpochSecond(s.periodStart());
    BigDecimal amount = money(BigDecimal.valueOf(s.billLastPeriod(), BILL_AMOUNT_SCALE));
    BigDecimal usage = null;
    String unit = null;
    if (s.overallConsumptionLastPeriod() != null) {
      EspiUnit u = EspiUnit.of(s.overallConsumptionLastPeriod().uom());
      usage = u.delivered(s.overallConsumptionLastPeriod().value(), s.overallConsumptionLastPeriod().powerOfTenMultiplier());
      unit = u.deliveredUnit();
    }
    return new UtilityBill(
        start, start.plusSeconds(s.periodDuration()), amount, currency(s.currency()), usage, unit, s.dueDate(), s.nextBillDate());
  }

  /** At least cents, never a rounded-away digit. */
  private static BigDecimal money(BigDecimal exact) {
    BigDecimal stripped = exact.stripTrailingZeros();
    return stripped.scale() < 2 ? stripped.setScale(2, RoundingMode.UNNECESSARY) : stripped;
  }

  /** ISO 4217 numeric code to its letters; US dollars when the summary does not say. */
  static String currency(Integer numeric) {
    if (numeric == null) {
      return "USD";
    }
    for (Currency c : Currency.getAvailableCurrencies()) {
      if (c.getNumericCode() == numeric) {
        return c.getCurrencyCode();
      }
    }
    return "ISO4217:" + numeric;
  }

  /** The ESPI code of a quality word {@link #quality} gave, or null. */
  public static Integer qualityCode(String word) {
    if (word == null) {
      return null;
    }
    if (word.startsWith("quality_")) {
      try {
        return Integer.parseInt(word.substring("quality_".length()));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    for (int code = 0; code <= 19; code++) {
      if (word.equals(quality(code))) {
        return code;
      }
    }
    return null;
  }

  /** ESPI ReadingQuality codes, as words a client can read; unknown codes kept as numbers. */
  static String quality(Integer code) {
    if (code == null) {
      return null;
    }
    return switch (code) {
      case 0 -> "valid";
      case 7 -> "manually_edited";
      case 8 -> "estimated_reference_day";
      case 9 -> "estimated_linear";
      case 10 -> "questionable";
      case 11 -> "derived";
      case 12 -> "projected";
      case 13 -> "mixed";
      case 14 -> "raw";
      case 15 -> "normalized_for_weather";
      case 17 -> "validated";
      case 18 -> "verified";
      case 19 -> "revenue_quality";
      default -> "quality_" + code;
    };
  }
}
