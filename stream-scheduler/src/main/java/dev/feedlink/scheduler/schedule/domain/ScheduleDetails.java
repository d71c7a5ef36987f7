package dev.feedlink.scheduler.schedule.domain;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * Reads the API's {@code schedule} and {@code schedule_details} into a {@link Schedule}, and writes
 * a schedule back as the canonical {@code schedule_details}. Every rejection names the field and
 * its valid values.
 *
 * <p>Keys: {@code day_of_week} (weekly), {@code days_of_month} (monthly; {@code day_of_month} is
 * accepted for a single day), {@code month_of_quarter} and {@code day_of_month} (quarterly), and for
 * every schedule that fires by itself {@code time_of_day} ("HH:mm", default 00:00), {@code time_zone}
 * (IANA id, default UTC) and {@code jitter_minutes} (0..720, default 0).
 */
public final class ScheduleDetails {

  public static final String DAY_OF_WEEK = "day_of_week";
  public static final String DAYS_OF_MONTH = "days_of_month";
  public static final String DAY_OF_MONTH = "day_of_month";
  public static final String MONTH_OF_QUARTER = "month_of_quarter";
  public static final String TIME_OF_DAY = "time_of_day";
  public static final String TIME_ZONE = "time_zone";
  public static final String JITTER_MINUTES = "jitter_minutes";

  private static final String PREFIX = "schedule_details.";
  private static final List<String> TIMING_KEYS = List.of(TIME_OF_DAY, TIME_ZONE, JITTER_MINUTES);
  private static final List<String> DAY_NAMES =
      Arrays.stream(DayOfWeek.values()).map(d -> d.getDisplayName(TextStyle.FULL, Locale.ENGLISH)).toList();
  private static final List<String> DAYS_1_TO_31 = IntStream.rangeClosed(1, 31).mapToObj(String::valueOf).toList();
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
  private static final long MAX_JITTER_MINUTES = FiringTime.MAX_JITTER.toMinutes();

  private ScheduleDetails() {}

  /** The keys {@code schedule_details} may hold for a schedule type. */
  public static List<String> keysOf(ScheduleType type) {
    List<String> keys = new ArrayList<>();
    switch (type) {
      case WEEKLY -> keys.add(DAY_OF_WEEK);
      case MONTHLY -> keys.addAll(List.of(DAYS_OF_MONTH, DAY_OF_MONTH));
      case QUARTERLY -> keys.addAll(List.of(MONTH_OF_QUARTER, DAY_OF_MONTH));
      default -> {}
    }
    if (type != ScheduleType.MANUAL) {
      keys.addAll(TIMING_KEYS);
    }
    return keys;
  }

  /**
   * The schedule a request asks for.
   *
   * @param details the JSON object as plain Java values (String, Number, Boolean, List, Map), or null
   * @param today the activation date in UTC, the anchor of next_bill_date's fallback
   * @param knownBillDate the next bill date learned from bill data so far, or null
   */
  public static Schedule parse(String schedule, Map<String, Object> details, LocalDate today, LocalDate knownBillDate) {
    ScheduleType type = type(schedule);
    Map<String, Object> given = details == null ? Map.of() : details;
    List<String> allowed = keysOf(type);
    for (String key : given.keySet()) {
      if (!allowed.contains(key)) {
        throw new InvalidScheduleException(
            PREFIX + key,
            allowed.isEmpty()
                ? "a " + type.wireName() + " schedule takes no details"
                : "'" + key + "' does not apply to a " + type.wireName() + " schedule",
            allowed);
      }
    }
    FiringTime time = type == ScheduleType.MANUAL ? FiringTime.DEFAULT : firingTime(given);
    return switch (type) {
      case DAILY -> new DailySchedule(time);
      case WEEKLY -> new WeeklySchedule(dayOfWeek(given.get(DAY_OF_WEEK)), time);
      case MONTHLY -> new MonthlySchedule(daysOfMonth(given), time);
      case QUARTERLY -> new QuarterlySchedule(
          intIn(given.getOrDefault(MONTH_OF_QUARTER, 1), MONTH_OF_QUARTER, 1, 3),
          intIn(given.getOrDefault(DAY_OF_MONTH, 1), DAY_OF_MONTH, 1, 31),
          time);
      case NEXT_BILL_DATE -> knownBillDate != null
          ? new NextBillDateSchedule(knownBillDate, knownBillDate.getDayOfMonth(), time)
          : new NextBillDateSchedule(null, today.getDayOfMonth(), time);
      case MANUAL -> new ManualSchedule(time);
    };
  }

  /** A stored schedule: its type, canonical details and what was learned of bills since. */
  public static Schedule restore(ScheduleType type, Map<String, Object> details, LocalDate knownBillDate, int anchorDay) {
    Schedule schedule = parse(type.wireName(), details, LocalDate.EPOCH, null);
    if (schedule instanceof NextBillDateSchedule) {
      return new NextBillDateSchedule(knownBillDate, anchorDay, schedule.time());
    }
    return schedule;
  }

  /** The schedule type named by the API's {@code schedule}. */
  public static ScheduleType type(String schedule) {
    if (schedule == null || schedule.isBlank()) {
      throw new InvalidScheduleException("schedule", "is required", ScheduleType.wireNames());
    }
    return ScheduleType.fromWire(schedule)
        .orElseThrow(
            () -> new InvalidScheduleException(
                "schedule", "'" + schedule + "' is not a schedule", ScheduleType.wireNames()));
  }

  /** The canonical {@code schedule_details} of a schedule: its own keys, and timing that differs from the default. */
  public static Map<String, Object> describe(Schedule schedule) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (schedule instanceof WeeklySchedule weekly) {
      out.put(DAY_OF_WEEK, weekly.dayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
    } else if (schedule instanceof MonthlySchedule monthly) {
      out.put(DAYS_OF_MONTH, List.copyOf(monthly.daysOfMonth()));
    } else if (schedule instanceof QuarterlySchedule quarterly) {
      out.put(MONTH_OF_QUARTER, quarterly.monthOfQuarter());
      out.put(DAY_OF_MONTH, quarterly.dayOfMonth());
    }
    FiringTime time = schedule.time();
    if (!time.timeOfDay().equals(FiringTime.DEFAULT_TIME)) {
      out.put(TIME_OF_DAY, time.timeOfDay().format(time.timeOfDay().getSecond() == 0 ? HH_MM : DateTimeFormatter.ISO_LOCAL_TIME));
    }
    if (!time.zone().equals(FiringTime.DEFAULT_ZONE)) {
      out.put(TIME_ZONE, time.zone().getId());
    }
    if (!time.jitterWindow().isZero()) {
      out.put(JITTER_MINUTES, time.jitterWindow().toMinutes());
    }
    return out;
  }

  private static FiringTime firingTime(Map<String, Object> given) {
    LocalTime timeOfDay = FiringTime.DEFAULT_TIME;
    Object rawTime = given.get(TIME_OF_DAY);
    if (rawTime != null) {
      if (!(rawTime instanceof String text)) {
        throw new InvalidScheduleException(PREFIX + TIME_OF_DAY, "must be a string like \"06:30\"", List.of("HH:mm, 00:00 to 23:59"));
      }
      try {
        timeOfDay = LocalTime.parse(text.strip());
      } catch (DateTimeParseException e) {
        throw new InvalidScheduleException(
            PREFIX + TIME_OF_DAY, "'" + text + "' is not a 24-hour time like \"06:30\"", List.of("HH:mm, 00:00 to 23:59"));
      }
    }
    ZoneId zone = FiringTime.DEFAULT_ZONE;
    Object rawZone = given.get(TIME_ZONE);
    if (rawZone != null) {
      List<String> valid = List.of("an IANA time zone id, e.g. UTC, America/New_York, Europe/Berlin");
      if (!(rawZone instanceof String text) || text.isBlank()) {
        throw new InvalidScheduleException(PREFIX + TIME_ZONE, "must be a time zone id", valid);
      }
      try {
        zone = ZoneId.of(text.strip());
      } catch (DateTimeException e) {
        throw new InvalidScheduleException(PREFIX + TIME_ZONE, "'" + text + "' is not a known time zone", valid);
      }
    }
    long jitter = intIn(given.getOrDefault(JITTER_MINUTES, 0), JITTER_MINUTES, 0, MAX_JITTER_MINUTES);
    return new FiringTime(timeOfDay, zone, Duration.ofMinutes(jitter));
  }

  private static DayOfWeek dayOfWeek(Object raw) {
    if (raw == null) {
      throw new InvalidScheduleException(PREFIX + DAY_OF_WEEK, "is required for a weekly schedule", DAY_NAMES);
    }
    if (raw instanceof String name) {
      for (DayOfWeek day : DayOfWeek.values()) {
        if (day.getDisplayName(TextStyle.FULL, Locale.ENGLISH).equalsIgnoreCase(name.strip())) {
          return day;
        }
      }
    }
    throw new InvalidScheduleException(
        PREFIX + DAY_OF_WEEK, "'" + raw + "' is not a full day name (case-insensitive)", DAY_NAMES);
  }

  private static Set<Integer> daysOfMonthValues(Object raw, String field) {
    List<?> items = raw instanceof List<?> list ? list : List.of(raw);
    if (items.isEmpty()) {
      throw new InvalidScheduleException(PREFIX + field, "needs at least one day", DAYS_1_TO_31);
    }
    Set<Integer> days = new TreeSet<>();
    for (Object item : items) {
      days.add(intIn(item, field, 1, 31));
    }
    return days;
  }

  private static SortedSet<Integer> daysOfMonth(Map<String, Object> given) {
    Object many = given.get(DAYS_OF_MONTH);
    Object one = given.get(DAY_OF_MONTH);
    if (many != null && one != null) {
      throw new InvalidScheduleException(
          PREFIX + DAY_OF_MONTH, "give either days_of_month or day_of_month, not both", List.of(DAYS_OF_MONTH, DAY_OF_MONTH));
    }
    if (many == null && one == null) {
      throw new InvalidScheduleException(PREFIX + DAYS_OF_MONTH, "is required for a monthly schedule", DAYS_1_TO_31);
    }
    return new TreeSet<>(many != null ? daysOfMonthValues(many, DAYS_OF_MONTH) : daysOfMonthValues(one, DAY_OF_MONTH));
  }

  private static int intIn(Object raw, String field, long min, long max) {
    List<String> valid = rangeValues(min, max);
    if (raw instanceof java.math.BigInteger) {
      throw new InvalidScheduleException(PREFIX + field, raw + " is not within " + min + ".." + max, valid);
    }
    boolean whole = raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte;
    if (!whole) {
      throw new InvalidScheduleException(PREFIX + field, "'" + raw + "' is not a whole number", valid);
    }
    long value = ((Number) raw).longValue();
    if (value < min || value > max) {
      throw new InvalidScheduleException(PREFIX + field, value + " is not within " + min + ".." + max, valid);
    }
    return (int) value;
  }

  /** Valid values of a small integer range, listed; of a large one, as "min..max". */
  private static List<String> rangeValues(long min, long max) {
    if (max - min <= 31) {
      return LongStream.rangeClosed(min, max).mapToObj(String::valueOf).toList();
    }
    return List.of(min + ".." + max);
  }
}
