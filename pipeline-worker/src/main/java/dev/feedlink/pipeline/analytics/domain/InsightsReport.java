package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Insights' result: how one account uses energy over the day and the week. Hours are local hours
 * of day (0 = midnight to 1 am); an hour counts only when all its intervals are usable.
 *
 * @param unit symbol of every usage figure: daily figures are that much per day, hourly figures
 *     that much within one hour (for electricity kWh in an hour is also the average kW)
 * @param daysUsed usable days behind the daily averages
 * @param hoursUsed complete hours behind the hourly figures
 * @param averageDailyUsage mean usage of a usable day (what Benchmarking compares)
 * @param peakHour the hour of day with the highest average usage (0-23), or {@code null}
 * @param peakHourAverageUsage the average usage in that hour
 * @param highestHourStart the start (local time, with its offset) of the single highest hour
 * @param highestHourUsage usage in that hour
 * @param baseLoadPerHour the {@code baseLoadPercentile}-th percentile of hourly usage: what the
 *     home draws when nothing is switched on (fridge, standby)
 * @param weekdayHourlyProfile 24 values: average usage in each hour of day on weekdays ({@code
 *     null} for an hour never seen complete)
 * @param weekendHourlyProfile the same for Saturdays and Sundays
 */
public record InsightsReport(
    String accountId,
    UsageKind kind,
    String timeZone,
    String unit,
    AnalysisStatus status,
    String statusDetail,
    LocalDate firstDay,
    LocalDate lastDay,
    int daysUsed,
    int hoursUsed,
    BigDecimal averageDailyUsage,
    BigDecimal averageWeekdayDailyUsage,
    BigDecimal averageWeekendDailyUsage,
    Integer peakHour,
    BigDecimal peakHourAverageUsage,
    OffsetDateTime highestHourStart,
    BigDecimal highestHourUsage,
    BigDecimal baseLoadPerHour,
    BigDecimal baseLoadPercentile,
    List<BigDecimal> weekdayHourlyProfile,
    List<BigDecimal> weekendHourlyProfile) {}
