package dev.feedlink.connection.connections.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * The past window an app asks a session to fetch (seed 003's Rewind), on a first connection or on a
 * connection that exists. The same rules hold for both, so the two requests cannot disagree on what
 * a valid window is.
 */
public final class RewindWindow {

  private RewindWindow() {}

  /**
   * Why {@code rewind_from}/{@code rewind_to} cannot be fetched, or empty when they can.
   *
   * @param from null when the app gave no start (nothing to check)
   * @param to null meaning now
   */
  public static Optional<String> problem(Instant from, Instant to, Instant now) {
    if (from == null) {
      return Optional.empty();
    }
    Instant until = to == null ? now : to;
    if (from.isAfter(now)) {
      return Optional.of("rewind_from must not be in the future (now is " + now + ")");
    }
    if (!from.isBefore(until)) {
      return Optional.of("rewind_from must be before rewind_to (" + (to == null ? "now, " : "") + until + ")");
    }
    return Optional.empty();
  }
}
