package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Order statistics in exact decimal arithmetic, so that the same data gives the same figures on any
 * machine and a constant series gives exactly its constant.
 */
final class RobustStatistics {

  static final MathContext MATH = MathContext.DECIMAL64;

  /** MAD × 1.4826 estimates the standard deviation of normally distributed data. */
  private static final BigDecimal MAD_TO_SIGMA = new BigDecimal("1.4826");

  /** Mean absolute deviation × 1.2533 (√(π/2)) does the same when more than half the values are equal. */
  private static final BigDecimal MEAN_AD_TO_SIGMA = new BigDecimal("1.2533");

  private static final BigDecimal TWO = BigDecimal.valueOf(2);
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  static List<BigDecimal> sorted(Collection<BigDecimal> values) {
    List<BigDecimal> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted;
  }

  /** The median of values already sorted ascending; not empty. */
  static BigDecimal median(List<BigDecimal> sorted) {
    int n = sorted.size();
    if (n == 0) {
      throw new IllegalArgumentException("median of no values");
    }
    if (n % 2 == 1) {
      return sorted.get(n / 2);
    }
    return sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(TWO, MATH);
  }

  static BigDecimal mean(Collection<BigDecimal> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("mean of no values");
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (BigDecimal value : values) {
      sum = sum.add(value);
    }
    return sum.divide(BigDecimal.valueOf(values.size()), MATH);
  }

  /**
   * A robust estimate of the values' standard deviation around {@code median}: 1.4826 × MAD; when
   * more than half the values equal the median (MAD 0), 1.2533 × the mean absolute deviation; never
   * below {@code floor}. Zero only when every value equals the median and the floor is zero.
   */
  static BigDecimal robustSpread(Collection<BigDecimal> values, BigDecimal median, BigDecimal floor) {
    List<BigDecimal> deviations = new ArrayList<>(values.size());
    for (BigDecimal value : values) {
      deviations.add(value.subtract(median).abs());
    }
    deviations.sort(null);
    BigDecimal spread = median(deviations).multiply(MAD_TO_SIGMA, MATH);
    if (spread.signum() == 0) {
      spread = mean(deviations).multiply(MEAN_AD_TO_SIGMA, MATH);
    }
    return spread.max(floor);
  }

  /**
   * The {@code percentile}-th percentile (0-100) of values sorted ascending, interpolating linearly
   * between the two nearest ranks (Hyndman and Fan's type 7, as spreadsheets compute it).
   */
  static BigDecimal percentile(List<BigDecimal> sorted, BigDecimal percentile) {
    int n = sorted.size();
    if (n == 0) {
      throw new IllegalArgumentException("percentile of no values");
    }
    BigDecimal position = BigDecimal.valueOf(n - 1L).multiply(percentile).divide(HUNDRED, MATH);
    int lower = position.setScale(0, RoundingMode.FLOOR).intValueExact();
    if (lower >= n - 1) {
      return sorted.get(n - 1);
    }
    BigDecimal fraction = position.subtract(BigDecimal.valueOf(lower));
    BigDecimal low = sorted.get(lower);
    BigDecimal high = sorted.get(lower + 1);
    return low.add(high.subtract(low).multiply(fraction, MATH));
  }

  private RobustStatistics() {}
}
