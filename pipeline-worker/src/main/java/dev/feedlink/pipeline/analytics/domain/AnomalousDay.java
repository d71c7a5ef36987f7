package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A local day whose total is far from what the account's own recent history of the same day type
 * predicts. Quantities are in the report's unit.
 *
 * @param usage the day's total
 * @param expectedUsage the history's median daily usage, for this day's length in hours
 * @param deviation {@code usage - expectedUsage}
 * @param deviationPercent {@code deviation} in percent of {@code expectedUsage}, or {@code null}
 *     when nothing was expected (a history of zero days)
 * @param robustZScore the deviation in robust standard deviations, or {@code null} when the
 *     history does not vary at all
 */
public record AnomalousDay(
    LocalDate date,
    DayType dayType,
    BigDecimal usage,
    BigDecimal expectedUsage,
    BigDecimal deviation,
    BigDecimal deviationPercent,
    BigDecimal robustZScore,
    Deviation direction) {}
