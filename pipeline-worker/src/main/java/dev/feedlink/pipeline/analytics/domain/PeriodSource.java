package dev.feedlink.pipeline.analytics.domain;

/** Where the forecast's period comes from. */
public enum PeriodSource {
  /** From the latest bill's period end to its next bill date. */
  NEXT_BILL_DATE,
  /** From the latest bill's period end, as long as that bill's period (no next bill date given). */
  LATEST_BILL_LENGTH,
  /**
   * The latest bill's cycle carried forward over data that goes on past its next period (bills
   * lag the readings): the first period of that cycle not yet fully in the data.
   */
  BILL_CYCLE_CARRIED_FORWARD,
  /** No bill is known: the calendar month the data continues into. */
  CALENDAR_MONTH
}
