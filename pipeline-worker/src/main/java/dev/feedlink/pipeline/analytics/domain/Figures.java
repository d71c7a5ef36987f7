package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;

/**
 * How figures are written into reports: computations stay exact and are rounded once, here, so
 * every report shows usage to the same precision.
 */
final class Figures {

  static final int USAGE_SCALE = 4;
  static final int RATIO_SCALE = 2;
  static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /** A usage or amount of usage, to 4 decimals (0.1 Wh in kWh). */
  static BigDecimal usage(BigDecimal value) {
    return value == null ? null : value.setScale(USAGE_SCALE, RoundingMode.HALF_EVEN);
  }

  /** A percentage, z-score or money amount, to 2 decimals. */
  static BigDecimal ratio(BigDecimal value) {
    return value == null ? null : value.setScale(RATIO_SCALE, RoundingMode.HALF_EVEN);
  }

  /** A fraction written as a percentage, to 2 decimals. */
  static BigDecimal percent(BigDecimal fraction) {
    return fraction == null ? null : ratio(fraction.multiply(HUNDRED));
  }

  /** An instant as the account's local time with its offset, for reasons people read. */
  static String local(Instant instant, ZoneId zone) {
    return instant.atZone(zone).toOffsetDateTime().toString();
  }

  static String quantity(BigDecimal value, String unit) {
    return value.stripTrailingZeros().toPlainString() + " " + unit;
  }

  private Figures() {}
}
