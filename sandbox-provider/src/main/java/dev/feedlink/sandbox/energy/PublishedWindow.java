package dev.feedlink.sandbox.energy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The ESPI {@code published-min}/{@code published-max} window: entries published at or after min
 * and at or before max. Without them, the last 30 days up to now.
 */
record PublishedWindow(Instant min, Instant max) {

  static final Duration DEFAULT_SPAN = Duration.ofDays(30);

  static PublishedWindow parse(String min, String max, Instant now) {
    Instant upper = max == null ? now : instant("published-max", max);
    Instant lower = min == null ? upper.minus(DEFAULT_SPAN) : instant("published-min", min);
    if (lower.isAfter(upper)) {
      throw new IllegalArgumentException("published-min (" + lower + ") is after published-max (" + upper + ")");
    }
    return new PublishedWindow(lower, upper);
  }

  private static Instant instant(String name, String value) {
    try {
      return OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " must be an ISO-8601 date-time such as 2026-10-01T00:00:00Z, not \"" + value + "\"");
    }
  }

  /** What distinguishes this window's feed from another's, given what was published by {@code now}. */
  String key(Instant now) {
    return min + "/" + (max.isAfter(now) ? now : max);
  }
}
