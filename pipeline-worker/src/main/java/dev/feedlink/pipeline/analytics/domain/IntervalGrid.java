package dev.feedlink.pipeline.analytics.domain;

import java.time.Instant;

/**
 * The instants a series' intervals start at: every {@code lengthSeconds} from an offset {@code
 * phaseSeconds} of the epoch. Counting on instants, not local clock times, is what makes a DST
 * day's 92 or 100 quarter-hours complete.
 */
record IntervalGrid(long lengthSeconds, long phaseSeconds) {

  IntervalGrid {
    if (lengthSeconds <= 0 || phaseSeconds < 0 || phaseSeconds >= lengthSeconds) {
      throw new IllegalArgumentException("bad grid " + lengthSeconds + "/" + phaseSeconds);
    }
  }

  boolean isOnGrid(Instant start) {
    return start.getNano() == 0 && Math.floorMod(start.getEpochSecond(), lengthSeconds) == phaseSeconds;
  }

  /** How many grid starts lie in [{@code from}, {@code to}). */
  long slotsBetween(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return 0;
    }
    return slotsBefore(to) - slotsBefore(from);
  }

  // Grid starts strictly before the instant, counted from an arbitrary origin.
  private long slotsBefore(Instant instant) {
    long seconds = instant.getEpochSecond() - phaseSeconds;
    long ceil = -Math.floorDiv(-seconds, lengthSeconds);
    return instant.getNano() > 0 && Math.floorMod(seconds, lengthSeconds) == 0 ? ceil + 1 : ceil;
  }
}
