package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds readings far from what their local hour usually sees. A reading is compared with the
 * readings of the same local hour of day and day type in the same month (usage changes with the
 * seasons), or in the whole history when that month has too few, by its robust z-score: the
 * distance from the group's median in robust standard deviations (1.4826 × MAD). A few spikes
 * barely move the median and MAD, so they cannot hide themselves as they would inflate a mean and
 * standard deviation.
 */
final class OutlierScreen {

  private final CleaningSettings settings;
  private final ZoneId zone;
  private final UsageUnit unit;

  OutlierScreen(CleaningSettings settings, ZoneId zone, UsageUnit unit) {
    this.settings = settings;
    this.zone = zone;
    this.unit = unit;
  }

  static String method(CleaningSettings settings) {
    return "robust z-score (|value - median| / (1.4826 x MAD), spread at least "
        + Figures.percent(settings.minimumRelativeSpread()).stripTrailingZeros().toPlainString()
        + " % of the typical level) per local hour of day x day type x month (whole history when a month has fewer than "
        + settings.minimumGroupSize() + " readings); outlier above "
        + settings.outlierThreshold().stripTrailingZeros().toPlainString();
  }

  /** Reports the outliers among {@code readings} (all non-negative) and returns the others. */
  List<Candidate> screen(List<Candidate> readings, Findings findings) {
    if (readings.isEmpty()) {
      return List.of();
    }
    int count = readings.size();
    long[] monthOf = new long[count];
    Map<Long, List<BigDecimal>> members = new HashMap<>();
    for (int i = 0; i < count; i++) {
      BigDecimal value = readings.get(i).value();
      long month = Group.key(readings.get(i).reading().start().atZone(zone));
      monthOf[i] = month;
      members.computeIfAbsent(month, key -> new ArrayList<>()).add(value);
      members.computeIfAbsent(Group.wholeHistory(month), key -> new ArrayList<>()).add(value);
    }
    Map<Long, BigDecimal> medians = new HashMap<>();
    List<BigDecimal> monthlyMedians = new ArrayList<>();
    for (Map.Entry<Long, List<BigDecimal>> group : members.entrySet()) {
      if (group.getKey() >= 0) {
        BigDecimal median = RobustStatistics.median(RobustStatistics.sorted(group.getValue()));
        medians.put(group.getKey(), median);
        monthlyMedians.add(median);
      }
    }
    // The series' typical level, from the groups so that sorting every reading is not needed.
    BigDecimal typical = RobustStatistics.median(RobustStatistics.sorted(monthlyMedians));
    Map<Long, Judge> judges = new HashMap<>();
    List<Candidate> kept = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Candidate candidate = readings.get(i);
      long group =
          members.get(monthOf[i]).size() >= settings.minimumGroupSize() ? monthOf[i] : Group.wholeHistory(monthOf[i]);
      List<BigDecimal> values = members.get(group);
      if (values.size() < settings.minimumGroupSize()) {
        kept.add(candidate);
        continue;
      }
      Judge judge = judges.computeIfAbsent(group, key -> judge(values, medians.get(key), typical));
      if (judge.isOutlier(candidate.value())) {
        BigDecimal z = judge.score(candidate.value());
        findings.exclude(
            candidate,
            FindingKind.OUTLIER,
            Figures.usage(judge.median()),
            unit,
            "robust z-score " + Figures.ratio(z).toPlainString() + " against the median "
                + Figures.quantity(Figures.usage(judge.median()), unit.symbol()) + " of the "
                + values.size() + " readings " + Group.describe(group) + " (threshold "
                + settings.outlierThreshold().stripTrailingZeros().toPlainString() + ")");
      } else {
        kept.add(candidate);
      }
    }
    return kept;
  }

  private Judge judge(List<BigDecimal> values, BigDecimal knownMedian, BigDecimal typical) {
    BigDecimal median = knownMedian != null ? knownMedian : RobustStatistics.median(RobustStatistics.sorted(values));
    BigDecimal floor = settings.minimumRelativeSpread().multiply(median.abs().max(typical));
    BigDecimal spread = RobustStatistics.robustSpread(values, median, floor);
    return new Judge(median, spread, spread.multiply(settings.outlierThreshold()));
  }

  private record Judge(BigDecimal median, BigDecimal spread, BigDecimal limit) {

    /** Farther from the median than the threshold allows; never when the group does not vary at all. */
    boolean isOutlier(BigDecimal value) {
      return spread.signum() > 0 && value.subtract(median).abs().compareTo(limit) > 0;
    }

    BigDecimal score(BigDecimal value) {
      return value.subtract(median).abs().divide(spread, RobustStatistics.MATH);
    }
  }

  /**
   * Readings compared with each other, as a number (hashing records per reading is slow): local
   * hour of day, day type and month, or the hour and day type over the whole history.
   */
  private static final class Group {

    private static final long WHOLE_HISTORY = -1;

    static long key(ZonedDateTime local) {
      long month = local.getYear() * 12L + local.getMonthValue() - 1;
      return (month * 2 + dayType(local)) * 24 + local.getHour();
    }

    static long wholeHistory(long key) {
      return WHOLE_HISTORY - Math.floorMod(key, 48);
    }

    static String describe(long key) {
      boolean whole = key < 0;
      long slot = whole ? WHOLE_HISTORY - key : Math.floorMod(key, 48);
      String days = slot / 24 == 0 ? "weekdays" : "weekends";
      String when = String.format("at %02d:00 on %s", slot % 24, days);
      if (whole) {
        return when + " over the whole history";
      }
      long month = Math.floorDiv(key, 48);
      return when + " in " + YearMonth.of((int) Math.floorDiv(month, 12), (int) Math.floorMod(month, 12) + 1);
    }

    private static int dayType(ZonedDateTime local) {
      return DayType.of(local.toLocalDate()) == DayType.WEEKDAY ? 0 : 1;
    }

    private Group() {}
  }
}
