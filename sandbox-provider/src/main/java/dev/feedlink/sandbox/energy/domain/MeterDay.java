package dev.feedlink.sandbox.energy.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One local day of a meter's readings: 96 quarter hours (92 or 100 on DST days) or 24 hours (23/25).
 * Published at its end, local midnight.
 *
 * @param anomalous whether the sandbox made this day's evening unusually heavy, for Monitoring to find
 */
public record MeterDay(LocalDate date, Instant start, Instant end, boolean anomalous, List<Reading> readings) {

  public MeterDay {
    readings = List.copyOf(readings);
  }

  public Instant published() {
    return end;
  }

  public long totalValue() {
    return readings.stream().mapToLong(Reading::value).sum();
  }

  public long totalCost() {
    return readings.stream().mapToLong(Reading::cost).sum();
  }
}
