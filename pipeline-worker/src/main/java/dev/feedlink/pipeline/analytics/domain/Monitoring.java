package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Substage "Monitoring": finds the days whose total is far from what the account's own history
 * predicts. Each usable day is compared with the usable days of the same day type in the weeks
 * before it (never after: a day is judged as it could have been on the day), by a robust z-score
 * of its usage per hour against their median and MAD, so DST days compare fairly.
 */
public final class Monitoring {

  private static final BigDecimal DAY_HOURS = BigDecimal.valueOf(24);

  private final MonitoringSettings settings;

  public Monitoring() {
    this(MonitoringSettings.defaults());
  }

  public Monitoring(MonitoringSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The anomalous days of the usable series. */
  public MonitoringReport monitor(UsableSeries series) {
    Objects.requireNonNull(series, "series");
    List<DailyUsage> usable = series.days().stream().filter(DailyUsage::usable).toList();
    List<AnomalousDay> anomalies = new ArrayList<>();
    int assessed = 0;
    int withoutHistory = 0;
    int earliest = 0;
    for (int i = 0; i < usable.size(); i++) {
      DailyUsage day = usable.get(i);
      while (!usable.get(earliest).date().isAfter(day.date().minusDays(settings.historyDays() + 1L))) {
        earliest++;
      }
      List<BigDecimal> history = new ArrayList<>();
      for (int j = earliest; j < i; j++) {
        if (usable.get(j).dayType() == day.dayType()) {
          history.add(perDay(usable.get(j)));
        }
      }
      if (history.size() < settings.minimumHistoryDays()) {
        withoutHistory++;
        continue;
      }
      assessed++;
      AnomalousDay anomaly = judge(day, history);
      if (anomaly != null) {
        anomalies.add(anomaly);
      }
    }
    String unit = series.unit().symbol();
    if (usable.isEmpty()) {
      return report(series, unit, AnalysisStatus.INSUFFICIENT_DATA, "no usable day", 0, 0, anomalies);
    }
    if (assessed == 0) {
      return report(
          series,
          unit,
          AnalysisStatus.INSUFFICIENT_DATA,
          "no day has " + settings.minimumHistoryDays() + " usable days of its day type in the "
              + settings.historyDays() + " days before it",
          0,
          withoutHistory,
          anomalies);
    }
    String detail =
        anomalies.size() + " anomalous of " + assessed + " days assessed"
            + (withoutHistory == 0 ? "" : "; " + withoutHistory + " days without enough history");
    return report(series, unit, AnalysisStatus.COMPLETE, detail, assessed, withoutHistory, anomalies);
  }

  private AnomalousDay judge(DailyUsage day, List<BigDecimal> history) {
    BigDecimal median = RobustStatistics.median(RobustStatistics.sorted(history));
    BigDecimal floor = settings.minimumRelativeSpread().multiply(median.abs());
    BigDecimal spread = RobustStatistics.robustSpread(history, median, floor);
    BigDecimal rate = perDay(day);
    BigDecimal expected = median.multiply(day.hours()).divide(DAY_HOURS, RobustStatistics.MATH);
    BigDecimal deviation = day.usage().subtract(expected);
    if (deviation.signum() == 0) {
      return null;
    }
    BigDecimal z = spread.signum() == 0 ? null : rate.subtract(median).divide(spread, RobustStatistics.MATH);
    BigDecimal relative = expected.signum() == 0 ? null : deviation.divide(expected, RobustStatistics.MATH);
    boolean unusual = z == null || z.abs().compareTo(settings.threshold()) >= 0;
    boolean large = relative == null || relative.abs().compareTo(settings.minimumRelativeDeviation()) >= 0;
    if (!unusual || !large) {
      return null;
    }
    return new AnomalousDay(
        day.date(),
        day.dayType(),
        Figures.usage(day.usage()),
        Figures.usage(expected),
        Figures.usage(deviation),
        Figures.percent(relative),
        Figures.ratio(z),
        deviation.signum() > 0 ? Deviation.ABOVE_EXPECTED : Deviation.BELOW_EXPECTED);
  }

  // Usage per 24 hours, so a 23- or 25-hour day compares with ordinary ones.
  private static BigDecimal perDay(DailyUsage day) {
    return day.usage().multiply(DAY_HOURS).divide(day.hours(), RobustStatistics.MATH);
  }

  private MonitoringReport report(
      UsableSeries series,
      String unit,
      AnalysisStatus status,
      String detail,
      int assessed,
      int withoutHistory,
      List<AnomalousDay> anomalies) {
    return new MonitoringReport(
        series.accountId(),
        series.kind(),
        series.zone().getId(),
        unit,
        status,
        detail,
        method(),
        assessed,
        withoutHistory,
        anomalies);
  }

  private String method() {
    return "robust z-score of the day's usage per 24 h against the median and 1.4826 x MAD of the usable days of"
        + " the same day type in the " + settings.historyDays() + " days before it (at least "
        + settings.minimumHistoryDays() + "); anomalous at |z| >= "
        + settings.threshold().stripTrailingZeros().toPlainString() + " and a deviation of at least "
        + Figures.percent(settings.minimumRelativeDeviation()).stripTrailingZeros().toPlainString()
        + " % of the expected usage";
  }
}
