package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;

/** The range checks every settings record shares, with messages that name the field and range. */
final class Settings {

  static void requirePositive(String field, BigDecimal value) {
    if (value.signum() <= 0) {
      throw new IllegalArgumentException(field + " must be greater than 0, was " + value);
    }
  }

  static void requireNonNegative(String field, BigDecimal value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException(field + " must be 0 or more, was " + value);
    }
  }

  /** A fraction in (0, 1]. */
  static void requireFraction(String field, BigDecimal value) {
    if (value.signum() <= 0 || value.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException(field + " must be in (0, 1], was " + value);
    }
  }

  static void requireAtLeast(String field, int value, int minimum) {
    if (value < minimum) {
      throw new IllegalArgumentException(field + " must be at least " + minimum + ", was " + value);
    }
  }

  private Settings() {}
}
