package dev.feedlink.pipeline.provider.domain;

import java.math.BigDecimal;
import java.util.Map;

/**
 * An ESPI unit of measure ({@code uom}, NAESB REQ.21 UnitSymbolKind) and the unit Feedlink delivers
 * it in. Energy and power arrive in Wh / W and are delivered in kWh / kW, as clients expect; the
 * rest keep their unit. Conversion is exact (decimal), never through floating point.
 */
public record EspiUnit(int code, String symbol, String deliveredUnit, int deliveredPowerOfTen) {

  private static final Map<Integer, EspiUnit> KNOWN = Map.ofEntries(
      unit(0, "", "", 0),
      unit(5, "A", "A", 0),
      unit(29, "V", "V", 0),
      unit(31, "J", "J", 0),
      unit(33, "Hz", "Hz", 0),
      unit(38, "W", "kW", 3),
      unit(42, "m3", "m3", 0),
      unit(61, "VA", "kVA", 3),
      unit(63, "VAr", "kVAr", 3),
      unit(65, "cos", "cos", 0),
      unit(71, "VAh", "kVAh", 3),
      unit(72, "Wh", "kWh", 3),
      unit(73, "VArh", "kVArh", 3),
      unit(106, "Ah", "Ah", 0),
      unit(119, "ft3", "ft3", 0),
      unit(122, "ft3/h", "ft3/h", 0),
      unit(125, "m3/h", "m3/h", 0),
      unit(128, "US gal", "US gal", 0),
      unit(129, "US gal/h", "US gal/h", 0),
      unit(169, "therm", "therm", 0));

  private static Map.Entry<Integer, EspiUnit> unit(int code, String symbol, String delivered, int powerOfTen) {
    return Map.entry(code, new EspiUnit(code, symbol, delivered, powerOfTen));
  }

  /** The unit for a code; an unknown code is kept as {@code uom:<code>} rather than guessed. */
  public static EspiUnit of(int code) {
    EspiUnit known = KNOWN.get(code);
    return known != null ? known : new EspiUnit(code, "uom:" + code, "uom:" + code, 0);
  }

  /** {@code value} × 10^{@code powerOfTenMultiplier} in this unit, expressed in the delivered unit. */
  public BigDecimal delivered(long value, int powerOfTenMultiplier) {
    BigDecimal scaled = BigDecimal.valueOf(value).scaleByPowerOfTen(powerOfTenMultiplier - deliveredPowerOfTen);
    return scaled.signum() == 0 ? BigDecimal.ZERO : scaled.stripTrailingZeros();
  }
}
