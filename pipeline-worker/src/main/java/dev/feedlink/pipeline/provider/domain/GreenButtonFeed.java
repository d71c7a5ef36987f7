package dev.feedlink.pipeline.provider.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * What a Green Button (NAESB ESPI) feed holds, linked up: usage points with their meter readings
 * (each with its reading type and interval blocks) and usage summaries (bills). Values are as the
 * document states them: integers in {@code uom} units times 10^{@code powerOfTenMultiplier}, times
 * in UTC epoch seconds.
 */
public record GreenButtonFeed(List<UsagePoint> usagePoints) {

  public GreenButtonFeed {
    usagePoints = List.copyOf(usagePoints);
  }

  /** A metered service point: what Feedlink calls an account; its id is the account number. */
  public record UsagePoint(
      String id,
      String title,
      ServiceKind kind,
      EspiLocalTime localTime,
      List<MeterReading> meterReadings,
      List<UsageSummary> summaries) {

    public UsagePoint {
      meterReadings = List.copyOf(meterReadings);
      summaries = List.copyOf(summaries);
    }

    /** Every interval reading of every meter reading, in document order. */
    public int readingCount() {
      return meterReadings.stream().mapToInt(MeterReading::readingCount).sum();
    }
  }

  public record MeterReading(String id, ReadingType readingType, List<IntervalBlock> blocks) {

    public MeterReading {
      blocks = List.copyOf(blocks);
    }

    public int readingCount() {
      return blocks.stream().mapToInt(b -> b.readings().size()).sum();
    }

    /** Whether this meters what the customer consumes (not what they feed back to the grid). */
    public boolean isConsumption() {
      return readingType.flowDirection() == null || readingType.flowDirection() != FLOW_REVERSE;
    }
  }

  /** ESPI flowDirection 19: energy delivered back to the grid. */
  public static final int FLOW_REVERSE = 19;

  public record ReadingType(
      int uom,
      int powerOfTenMultiplier,
      Integer intervalLength,
      Integer flowDirection,
      Integer commodity,
      Integer accumulationBehaviour,
      Integer currency) {

    public EspiUnit unit() {
      return EspiUnit.of(uom);
    }
  }

  public record IntervalBlock(long start, long duration, List<IntervalReading> readings) {

    public IntervalBlock {
      readings = List.copyOf(readings);
    }
  }

  public record IntervalReading(long start, long duration, long value, Long cost, Integer quality) {}

  /** An amount in a unit: {@code value} × 10^{@code powerOfTenMultiplier} of {@code uom}. */
  public record Quantity(long value, int uom, int powerOfTenMultiplier) {}

  /**
   * A bill ({@code ElectricPowerUsageSummary} / {@code UsageSummary}). Amounts are in 1/100000 of
   * the currency (ISO 4217 numeric code). Due and next bill dates are not ESPI elements: a provider
   * may add them as entry extensions.
   */
  public record UsageSummary(
      long periodStart,
      long periodDuration,
      Long billLastPeriod,
      Long costAdditionalLastPeriod,
      Integer currency,
      Quantity overallConsumptionLastPeriod,
      LocalDate dueDate,
      LocalDate nextBillDate) {}

  /** ESPI ServiceCategory kind. */
  public enum ServiceKind {
    ELECTRICITY("electricity"),
    GAS("gas"),
    WATER("water"),
    OTHER("other");

    private final String label;

    ServiceKind(String label) {
      this.label = label;
    }

    /** The account kind Feedlink shows (seed: electricity, gas, water, ...). */
    public String label() {
      return label;
    }

    public static ServiceKind ofCode(int code) {
      return switch (code) {
        case 0 -> ELECTRICITY;
        case 1 -> GAS;
        case 2 -> WATER;
        default -> OTHER;
      };
    }
  }
}
