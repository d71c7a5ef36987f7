package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A local day whose length is not 24 hours (a DST change) and how its readings add up: a spring
 * day of 23 hours expects 92 quarter-hours, an autumn day of 25 hours expects 100.
 *
 * @param presentIntervals intervals of the day with a reading of the right length on the grid
 * @param complete whether every expected interval is present
 */
public record DaylightSavingDay(
    LocalDate date, BigDecimal hours, long expectedIntervals, long presentIntervals, boolean complete) {}
