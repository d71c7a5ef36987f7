package dev.feedlink.pipeline.session.domain;

import dev.feedlink.pipeline.provider.domain.FetchWindow;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * Which period a session fetches. A first connection (a Rewind in the seed's words) or a reconnection
 * looks back the window the app asked for, else the configured history; a Rewind of a linked
 * connection its own window; a Stream refresh starts from the newest record delivered (less a margin
 * for late corrections), so it asks only for what can be new. Only a window the app gave bounds the
 * end: otherwise the provider's own clock decides what has been published.
 */
public final class FetchWindows {

  private FetchWindows() {}

  /**
   * @param newestDelivered the newest record time delivered for the refreshed account and type, or
   *     null when nothing was delivered yet
   */
  public static FetchWindow of(
      Kind kind, Instant now, Period initialHistory, Period refreshOverlap, Instant rewindFrom, Instant rewindTo, Instant newestDelivered) {
    Instant history = minus(now, initialHistory);
    return switch (kind) {
      case REWIND -> new FetchWindow(rewindFrom != null ? rewindFrom : history, rewindTo);
      case STREAM_REFRESH, MANUAL_REFRESH -> {
        if (newestDelivered == null) {
          yield new FetchWindow(history, null);
        }
        Instant from = minus(newestDelivered, refreshOverlap);
        yield new FetchWindow(from.isBefore(history) ? history : from, null);
      }
      default -> new FetchWindow(rewindFrom != null ? rewindFrom : history, rewindTo);
    };
  }

  private static Instant minus(Instant t, Period p) {
    return t.atOffset(ZoneOffset.UTC).minus(p).toInstant();
  }
}
