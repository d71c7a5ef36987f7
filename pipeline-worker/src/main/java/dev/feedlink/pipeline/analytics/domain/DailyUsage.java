package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One local day of the usable view.
 *
 * @param hours the day's length: 24, or 23 / 25 on a DST day
 * @param expectedIntervals intervals the grid has in the day (96, 92 or 100 for quarter-hours)
 * @param usableIntervals intervals of the day in the usable view
 * @param measuredUsage the sum of the usable intervals
 * @param usage the day's total used by daily figures: {@code measuredUsage} scaled by {@code
 *     expectedIntervals / usableIntervals}; {@code null} when the day is not usable
 * @param usable whether enough of the day is covered (CleaningSettings.minimumDayCoverage)
 */
public record DailyUsage(
    LocalDate date,
    DayType dayType,
    BigDecimal hours,
    long expectedIntervals,
    long usableIntervals,
    BigDecimal measuredUsage,
    BigDecimal usage,
    boolean usable) {}
