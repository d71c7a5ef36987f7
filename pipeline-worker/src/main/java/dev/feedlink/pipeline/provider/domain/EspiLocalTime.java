package dev.feedlink.pipeline.provider.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * A Green Button {@code LocalTimeParameters}: the standard offset from UTC, the daylight-saving
 * offset and the two ESPI-encoded rules saying when daylight saving starts and ends. Readings are
 * stamped in UTC epoch seconds; this turns them into the local days the utility bills by, so a
 * spring-forward day has 92 quarter hours and a fall-back day 100.
 *
 * <p>A rule is a 32-bit value: bits 0-11 seconds, 12-16 hour, 17-19 day of week (1 = Monday),
 * 20-24 day of month, 25-27 operator, 28-31 month. Operator 0 = that day of the month, 1 = that
 * weekday on or after the day of the month, 2-6 = its 1st-5th occurrence in the month, 7 = its last.
 * {@code FFFFFFFF} switches daylight saving off. Both transitions are in local wall time.
 */
public record EspiLocalTime(int tzOffsetSeconds, int dstOffsetSeconds, long dstStartRule, long dstEndRule) {

  public static final long NO_DST = 0xFFFFFFFFL;

  /** UTC, no daylight saving: for feeds that carry no LocalTimeParameters. */
  public static final EspiLocalTime UTC = new EspiLocalTime(0, 0, NO_DST, NO_DST);

  public static EspiLocalTime of(int tzOffsetSeconds, int dstOffsetSeconds, String startRuleHex, String endRuleHex) {
    return new EspiLocalTime(tzOffsetSeconds, dstOffsetSeconds, parseRule(startRuleHex), parseRule(endRuleHex));
  }

  private static long parseRule(String hex) {
    if (hex == null || hex.isBlank()) {
      return NO_DST;
    }
    try {
      return Long.parseLong(hex.strip(), 16) & 0xFFFFFFFFL;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("DST rule '" + hex + "' is not hexadecimal", e);
    }
  }

  public boolean observesDst() {
    return dstOffsetSeconds != 0 && dstStartRule != NO_DST && dstEndRule != NO_DST;
  }

  /** The offset from UTC in force at {@code instant}. */
  public ZoneOffset offsetAt(Instant instant) {
    int standard = tzOffsetSeconds;
    if (!observesDst()) {
      return ZoneOffset.ofTotalSeconds(standard);
    }
    int year = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.ofTotalSeconds(standard)).getYear();
    // The start is written in standard time, the end in daylight time (local wall clock either way).
    Instant start = transition(dstStartRule, year).toInstant(ZoneOffset.ofTotalSeconds(standard));
    Instant end = transition(dstEndRule, year).toInstant(ZoneOffset.ofTotalSeconds(standard + dstOffsetSeconds));
    boolean inDst = start.isBefore(end)
        ? !instant.isBefore(start) && instant.isBefore(end)
        : !instant.isBefore(start) || instant.isBefore(end); // southern hemisphere: DST spans the new year
    return ZoneOffset.ofTotalSeconds(inDst ? standard + dstOffsetSeconds : standard);
  }

  public LocalDateTime toLocal(Instant instant) {
    return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), offsetAt(instant));
  }

  public LocalDate localDate(Instant instant) {
    return toLocal(instant).toLocalDate();
  }

  /** When the rule's transition happens in {@code year}, in local wall time. */
  static LocalDateTime transition(long rule, int year) {
    int seconds = (int) (rule & 0xFFF);
    int hours = (int) ((rule >> 12) & 0x1F);
    int weekday = (int) ((rule >> 17) & 0x7);
    int dayOfMonth = (int) ((rule >> 20) & 0x1F);
    int operator = (int) ((rule >> 25) & 0x7);
    int month = (int) ((rule >> 28) & 0xF);
    if (month < 1 || month > 12 || hours > 23 || seconds > 3599) {
      throw new IllegalArgumentException("DST rule " + Long.toHexString(rule).toUpperCase() + " is not a valid ESPI rule");
    }
    LocalDate first = LocalDate.of(year, month, 1);
    LocalDate date;
    if (operator == 0) {
      date = first.withDayOfMonth(Math.min(Math.max(dayOfMonth, 1), first.lengthOfMonth()));
    } else {
      if (weekday < 1) {
        throw new IllegalArgumentException("DST rule " + Long.toHexString(rule).toUpperCase() + " names no day of the week");
      }
      DayOfWeek dow = DayOfWeek.of(weekday);
      date = switch (operator) {
        case 1 -> first.withDayOfMonth(Math.min(Math.max(dayOfMonth, 1), first.lengthOfMonth()))
            .with(TemporalAdjusters.nextOrSame(dow));
        case 7 -> first.with(TemporalAdjusters.lastInMonth(dow));
        default -> first.with(TemporalAdjusters.dayOfWeekInMonth(operator - 1, dow));
      };
    }
    return date.atStartOfDay().plusHours(hours).plusSeconds(seconds);
  }
}
