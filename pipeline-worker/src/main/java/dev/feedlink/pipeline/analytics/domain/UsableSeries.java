package dev.feedlink.pipeline.analytics.domain;

import java.time.ZoneId;
import java.util.List;

/**
 * The explicit view of an account's data that Monitoring, Forecasting and Insights read, made by
 * Historical Data Cleaning: one reading per interval (identical duplicates collapsed), every
 * reading with a finding that excludes it left out, all values converted to {@code unit}. It is a
 * view: the stored readings stay as the provider sent them.
 *
 * @param intervalSeconds the grid's interval length, 0 when there is no reading
 * @param readings the usable readings in time order
 * @param days every local day from the first reading's to the last reading's, in order
 * @param bills the bills as given, ordered by period start
 */
public record UsableSeries(
    String accountId,
    UsageKind kind,
    ZoneId zone,
    UsageUnit unit,
    long intervalSeconds,
    List<UsableReading> readings,
    List<DailyUsage> days,
    List<Bill> bills) {

  public UsableSeries {
    readings = List.copyOf(readings);
    days = List.copyOf(days);
    bills = List.copyOf(bills);
  }
}
