package dev.feedlink.pipeline.provider.domain;

import java.util.List;

/**
 * One utility account's structured data from a feed.
 *
 * @param kind electricity, gas, water or other
 * @param intervalSeconds the meter's interval length (900 for 15-minute electricity), 0 if unknown
 * @param unit the unit its readings are delivered in (kWh, therm, ...)
 */
public record UtilityAccount(
    String accountNumber,
    String name,
    String kind,
    int intervalSeconds,
    String unit,
    EspiLocalTime localTime,
    List<UsageInterval> intervals,
    List<UtilityBill> bills) {

  public UtilityAccount {
    intervals = List.copyOf(intervals);
    bills = List.copyOf(bills);
  }
}
