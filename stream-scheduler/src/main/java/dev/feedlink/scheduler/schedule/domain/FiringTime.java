package dev.feedlink.scheduler.schedule.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * When on a firing date a schedule fires: a local time of day in a time zone, plus an optional
 * jitter window that spreads accounts sharing a schedule over the window.
 *
 * <p>DST: a time of day that a spring-forward gap skips fires at the same distance after the gap
 * (02:30 becomes 03:30); one that a fall-back overlap repeats fires at its first, earlier instant.
 * Either way a schedule fires exactly once per firing date.
 *
 * <p>Jitter is a fixed offset per account ({@code seed}, from the account id) inside the window, so
 * one account fires at the same moment every period while a million accounts spread evenly.
 */
public record FiringTime(LocalTime timeOfDay, ZoneId zone, Duration jitterWindow) {

  /** Jitter must leave two firings on consecutive dates in order, so it stays under half a day. */
  public static final Duration MAX_JITTER = Duration.ofHours(12);

  public static final ZoneId DEFAULT_ZONE = ZoneOffset.UTC;
  public static final LocalTime DEFAULT_TIME = LocalTime.MIDNIGHT;
  public static final FiringTime DEFAULT = new FiringTime(DEFAULT_TIME, DEFAULT_ZONE, Duration.ZERO);

  public FiringTime {
    Objects.requireNonNull(timeOfDay, "timeOfDay");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(jitterWindow, "jitterWindow");
    if (jitterWindow.isNegative() || jitterWindow.compareTo(MAX_JITTER) > 0) {
      throw new IllegalArgumentException("jitter window must be between 0 and " + MAX_JITTER);
    }
  }

  /** The instant of the calendar firing on {@code date}, before jitter. */
  public Instant on(LocalDate date) {
    return ZonedDateTime.of(date, timeOfDay, zone).toInstant();
  }

  /** The account's fixed offset inside the jitter window: in [0, window), whole seconds. */
  public Duration jitterFor(long seed) {
    long seconds = jitterWindow.toSeconds();
    if (seconds == 0) {
      return Duration.ZERO;
    }
    return Duration.ofSeconds(Math.floorMod(mix(seed), seconds));
  }

  /** The local date a (jitter-free) instant falls on in this zone. */
  LocalDate dateOf(Instant instant) {
    return instant.atZone(zone).toLocalDate();
  }

  // A 64-bit finaliser (SplitMix64): similar seeds land far apart in the window.
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
