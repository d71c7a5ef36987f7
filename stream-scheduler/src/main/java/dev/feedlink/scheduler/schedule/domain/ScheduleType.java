package dev.feedlink.scheduler.schedule.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The schedule values of the Stream API, by their wire names. */
public enum ScheduleType {
  DAILY("daily"),
  WEEKLY("weekly"),
  MONTHLY("monthly"),
  QUARTERLY("quarterly"),
  NEXT_BILL_DATE("next_bill_date"),
  MANUAL("manual");

  private final String wireName;

  ScheduleType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(ScheduleType::wireName).toList();
  }

  public static Optional<ScheduleType> fromWire(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String lower = value.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.wireName.equals(lower)).findFirst();
  }
}
