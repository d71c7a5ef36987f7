package dev.feedlink.pipeline.analytics.domain;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Everything processing reads about one utility account: its interval readings (any order, as
 * stored or as received, duplicates included) and its bills. {@code zone} is the account's local
 * time zone (Green Button's {@code LocalTimeParameters}; the sandbox's is America/New_York): days,
 * hours of day and day types are local, so a DST day has 23 or 25 hours.
 */
public record UsageSeries(
    String accountId, UsageKind kind, ZoneId zone, List<IntervalReading> readings, List<Bill> bills) {

  public UsageSeries {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(zone, "zone");
    readings = List.copyOf(readings);
    bills = List.copyOf(bills);
  }
}
