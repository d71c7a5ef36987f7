package dev.feedlink.scheduler.attempt.domain;

/** How a refresh attempt ended, by the wire names of {@code last_attempt.result}. */
public enum AttemptResult {
  /** The refresh logged in and delivered what it found (fresh data or not: see freshDataRetrieved). */
  SUCCESS("success"),
  /** The refresh completed and found nothing not delivered before. */
  NO_NEW_DATA("no_new_data"),
  /** The refresh could not log in: 40101 credentials, 40102 MFA. */
  RECONNECTION_FAILED("reconnection_failed"),
  /** The refresh failed for another reason (provider down, timed out, no outcome in time). */
  FAILED("failed"),
  /** The run came due while the previous refresh was still in flight: recorded, not stacked. */
  SKIPPED("skipped"),
  /** Requested and not finished yet. */
  IN_PROGRESS("in_progress");

  private final String wireName;

  AttemptResult(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static AttemptResult fromWire(String name) {
    for (AttemptResult r : values()) {
      if (r.wireName.equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown attempt result " + name);
  }

  /** Whether this outcome says more than {@code other} about the same job (events may arrive in any order). */
  public boolean outranks(AttemptResult other) {
    return rank() > other.rank();
  }

  private int rank() {
    return switch (this) {
      case IN_PROGRESS, SKIPPED -> 0;
      case FAILED -> 1;
      case NO_NEW_DATA, RECONNECTION_FAILED -> 2;
      case SUCCESS -> 3;
    };
  }
}
