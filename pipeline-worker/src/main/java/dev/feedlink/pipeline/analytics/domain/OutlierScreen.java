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
    Map<Group, List<Candidate>> monthly = new HashMap<>();
    Map<Group, List<Candidate>> overall = new HashMap<>();
    Map<Candidate, Group> groupOf = new HashMap<>();
    List<BigDecimal> all = new ArrayList<>(readings.size());
    for (Candidate candidate : readings) {
      ZonedDateTime local = candidate.reading().start().atZone(zone);
      DayType dayType = DayType.of(local.toLocalDate());
      Group month = new Group(YearMonth.from(local), dayType, local.getHour());
      groupOf.put(candidate, month);
      monthly.computeIfAbsent(month, g -> new ArrayList<>()).add(candidate);
      overall.computeIfAbsent(month.wholeHistory(), g -> new ArrayList<>()).add(candidate);
      all.add(candidate.value());
    }
    BigDecimal typical = RobustStatistics.median(RobustStatistics.sorted(all));
    Map<Group, Judge> judges = new HashMap<>();
    List<Candidate> kept = new ArrayList<>(readings.size());
    for (Candidate candidate : readings) {
      Group month = groupOf.get(candidate);
      Group group = monthly.get(month).size() >= settings.minimumGroupSize() ? month : month.wholeHistory();
      List<Candidate> members = group == month ? monthly.get(month) : overall.get(group);
      if (members.size() < settings.minimumGroupSize()) {
        kept.add(candidate);
        continue;
      }
      Judge judge = judges.computeIfAbsent(group, g -> judge(members, typical));
      BigDecimal z = judge.score(candidate.value());
      if (z != null && z.compareTo(settings.outlierThreshold()) > 0) {
        findings.exclude(
            candidate,
            FindingKind.OUTLIER,
            Figures.usage(judge.median()),
            unit,
            "robust z-score " + Figures.ratio(z).toPlainString() + " against the median "
                + Figures.quantity(Figures.usage(judge.median()), unit.symbol()) + " of the "
                + members.size() + " readings " + group.describe() + " (threshold "
                + settings.outlierThreshold().stripTrailingZeros().toPlainString() + ")");
      } else {
        kept.add(candidate);
      }
    }
    return kept;
  }

  private Judge judge(List<Candidate> members, BigDecimal typical) {
    List<BigDecimal> values = new ArrayList<>(members.size());
    for (Candidate member : members) {
      values.add(member.value());
    }
    BigDecimal median = RobustStatistics.median(RobustStatistics.sorted(values));
    BigDecimal floor = settings.minimumRelativeSpread().multiply(median.abs().max(typical));
    return new Judge(median, RobustStatistics.robustSpread(values, median, floor));
  }

  private record Judge(BigDecimal median, BigDecimal spread) {

    /** The robust z-score, or null when the group does not vary at all (then nothing stands out). */
    BigDecimal score(BigDecimal value) {
      if (spread.signum() == 0) {
        return null;
      }
      return value.subtract(median).abs().divide(spread, RobustStatistics.MATH);
    }
  }

  /** Readings compared with each other; {@code month} null means the whole history. */
  private record Group(YearMonth month, DayType dayType, int hour) {

    Group wholeHistory() {
      return new Group(null, dayType, hour);
    }

    String describe() {
      String days = dayType == DayType.WEEKDAY ? "weekdays" : "weekends";
      String when = String.format("at %02d:00 on %s", hour, days);
      return month == null ? when + " over the whole history" : when + " in " + month;
    }
  }
}
