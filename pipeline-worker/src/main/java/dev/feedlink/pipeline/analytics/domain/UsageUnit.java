package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * The unit a usage value is in. Units of one {@link Dimension} convert into each other exactly by
 * their size in the dimension's base (megajoules for energy, cubic metres for volume); energy and
 * volume never convert (that needs the gas's calorific value, which the data does not carry).
 */
public enum UsageUnit {
  WH("Wh", Dimension.ENERGY, "0.0036"),
  KWH("kWh", Dimension.ENERGY, "3.6"),
  MWH("MWh", Dimension.ENERGY, "3600"),
  /** The US therm: 100,000 BTU (International Table) = 105.505585262 MJ. */
  THERM("therm", Dimension.ENERGY, "105.505585262"),
  CUBIC_METRE("m3", Dimension.VOLUME, "1"),
  CUBIC_FOOT("ft3", Dimension.VOLUME, "0.028316846592"),
  /** Hundred cubic feet, the usual US gas billing unit. */
  HUNDRED_CUBIC_FEET("ccf", Dimension.VOLUME, "2.8316846592");

  /** What a unit measures. */
  public enum Dimension {
    ENERGY,
    VOLUME
  }

  private final String symbol;
  private final Dimension dimension;
  private final BigDecimal sizeInBase;

  UsageUnit(String symbol, Dimension dimension, String sizeInBase) {
    this.symbol = symbol;
    this.dimension = dimension;
    this.sizeInBase = new BigDecimal(sizeInBase);
  }

  /** The symbol reports carry, e.g. {@code kWh}. */
  public String symbol() {
    return symbol;
  }

  public Dimension dimension() {
    return dimension;
  }

  public boolean convertibleTo(UsageUnit other) {
    return dimension == other.dimension;
  }

  /**
   * {@code value} in this unit, expressed in {@code target}; exact between Wh, kWh and MWh (their
   * ratios are powers of ten), to 16 significant digits of the ratio otherwise.
   *
   * @throws IllegalArgumentException when the units measure different dimensions
   */
  public BigDecimal convert(BigDecimal value, UsageUnit target) {
    Objects.requireNonNull(value, "value");
    if (!convertibleTo(target)) {
      throw new IllegalArgumentException(
          "cannot convert " + symbol + " (" + dimension + ") to " + target.symbol + " (" + target.dimension + ")");
    }
    if (target == this) {
      return value;
    }
    return value.multiply(Ratios.TABLE[ordinal()][target.ordinal()]);
  }

  /** Size of each unit in each other unit, computed once: converting is then one multiplication. */
  private static final class Ratios {

    static final BigDecimal[][] TABLE = new BigDecimal[values().length][values().length];

    static {
      for (UsageUnit from : values()) {
        for (UsageUnit to : values()) {
          TABLE[from.ordinal()][to.ordinal()] = from.sizeInBase.divide(to.sizeInBase, MathContext.DECIMAL64);
        }
      }
    }
  }

  /**
   * The unit with this symbol, as reports write it.
   *
   * @throws IllegalArgumentException naming the valid symbols when none matches
   */
  public static UsageUnit fromSymbol(String symbol) {
    for (UsageUnit unit : values()) {
      if (unit.symbol.equals(symbol)) {
        return unit;
      }
    }
    throw new IllegalArgumentException("unknown unit symbol '" + symbol + "'; valid: Wh, kWh, MWh, therm, m3, ft3, ccf");
  }
}
