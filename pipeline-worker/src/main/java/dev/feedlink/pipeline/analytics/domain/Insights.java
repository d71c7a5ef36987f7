package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Substage "Insights": average daily usage (overall, weekdays, weekends), the peak hour of day, the
 * base load and the weekday and weekend average hourly profiles, all in local time.
 */
public final class Insights {

  private final InsightsSettings settings;

  public Insights() {
    this(InsightsSettings.defaults());
  }

  public Insights(InsightsSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The insights of the usable series. */
  public InsightsReport derive(UsableSeries series) {
    Objects.requireNonNull(series, "series");
    List<DailyUsage> days = series.days().stream().filter(DailyUsage::usable).toList();
    List<HourlyUsage> hours = HourlyUsage.completeHours(series);
    ProfileSums weekday = new ProfileSums();
    ProfileSums weekend = new ProfileSums();
    ProfileSums all = new ProfileSums();
    HourlyUsage highest = null;
    List<BigDecimal> hourly = new ArrayList<>(hours.size());
    for (HourlyUsage hour : hours) {
      (hour.dayType() == DayType.WEEKDAY ? weekday : weekend).add(hour);
      all.add(hour);
      hourly.add(hour.usage());
      if (highest == null || hour.usage().compareTo(highest.usage()) > 0) {
        highest = hour;
      }
    }
    Integer peakHour = all.highestHour();
    AnalysisStatus status;
    String detail;
    if (days.isEmpty() && hours.isEmpty()) {
      status = AnalysisStatus.INSUFFICIENT_DATA;
      detail = "no usable day and no complete hour";
    } else if (days.isEmpty() || hours.isEmpty()) {
      status = AnalysisStatus.PARTIAL;
      detail =
          days.isEmpty()
              ? "no usable day, so no daily average"
              : "no complete hour (intervals of " + series.intervalSeconds() + " s), so no hourly figures";
    } else {
      status = AnalysisStatus.COMPLETE;
      detail = days.size() + " usable days, " + hours.size() + " complete hours";
    }
    return new InsightsReport(
        series.accountId(),
        series.kind(),
        series.zone().getId(),
        series.unit().symbol(),
        status,
        detail,
        days.isEmpty() ? null : days.get(0).date(),
        days.isEmpty() ? null : days.get(days.size() - 1).date(),
        days.size(),
        hours.size(),
        Figures.usage(meanUsage(days, null)),
        Figures.usage(meanUsage(days, DayType.WEEKDAY)),
        Figures.usage(meanUsage(days, DayType.WEEKEND)),
        peakHour,
        peakHour == null ? null : Figures.usage(all.average(peakHour)),
        highest == null ? null : highest.start().toOffsetDateTime(),
        highest == null ? null : Figures.usage(highest.usage()),
        hourly.isEmpty()
            ? null
            : Figures.usage(RobustStatistics.percentile(RobustStatistics.sorted(hourly), settings.baseLoadPercentile())),
        settings.baseLoadPercentile(),
        weekday.profile(),
        weekend.profile());
  }

  private static BigDecimal meanUsage(List<DailyUsage> days, DayType dayType) {
    List<BigDecimal> usage =
        days.stream().filter(day -> dayType == null || day.dayType() == dayType).map(DailyUsage::usage).toList();
    return usage.isEmpty() ? null : RobustStatistics.mean(usage);
  }

  /** Sums and counts of complete hours per local hour of day. */
  private static final class ProfileSums {

    private final BigDecimal[] sums = new BigDecimal[24];
    private final int[] counts = new int[24];

    void add(HourlyUsage hour) {
      int at = hour.start().getHour();
      sums[at] = sums[at] == null ? hour.usage() : sums[at].add(hour.usage());
      counts[at]++;
    }

    BigDecimal average(int hour) {
      return counts[hour] == 0 ? null : sums[hour].divide(BigDecimal.valueOf(counts[hour]), RobustStatistics.MATH);
    }

    /** 24 averages, {@code null} for an hour of day never seen. */
    List<BigDecimal> profile() {
      List<BigDecimal> profile = new ArrayList<>(24);
      for (int hour = 0; hour < 24; hour++) {
        profile.add(Figures.usage(average(hour)));
      }
      return Collections.unmodifiableList(profile);
    }

    /** The hour of day with the highest average, the earliest on a tie; null when none was seen. */
    Integer highestHour() {
      Integer best = null;
      for (int hour = 0; hour < 24; hour++) {
        BigDecimal average = average(hour);
        if (average != null && (best == null || average.compareTo(average(best)) > 0)) {
          best = hour;
        }
      }
      return best;
    }
  }
}
