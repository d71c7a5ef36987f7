package dev.feedlink.connection.connections;

import dev.feedlink.connection.connections.ConnectionEvents.SessionRequest;
import dev.feedlink.connection.connections.domain.Connection;
import dev.feedlink.events.LifecycleChange;
import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * Asks the pipeline for a new session of an existing connection (a re-link, new credentials, a
 * Rewind): the connection follows that session from now on (older sessions' news no longer moves
 * it), the history knows it was asked for, and the request and the connection's new status leave
 * through the outbox, all in the caller's transaction with the connection's row locked.
 */
final class RequestingSessions {

  private final Connections connections;
  private final SessionHistory history;
  private final ConnectionEvents events;

  RequestingSessions(Connections connections, SessionHistory history, ConnectionEvents events) {
    this.connections = connections;
    this.history = history;
    this.events = events;
  }

  /**
   * @param existing the locked connection as it should be kept (a re-link may have changed what it is for)
   * @param change the lifecycle event to announce with it, or null for none
   * @return the connection as it is now
   */
  Mono<Connection> request(Connection existing, SessionRequest session, LifecycleChange change, Instant now) {
    Connection updated = existing.with(existing.projection().sessionRequested(session.sessionId(), now));
    Mono<Void> lifecycle = change == null ? Mono.empty() : events.lifecycle(updated, change, now);
    return connections
        .update(updated)
        .then(history.requested(
            session.sessionId(), existing.connectionId(), session.kind(), now, session.rewindFrom(), session.rewindTo()))
        .then(events.sessionRequested(updated, session, now))
        .then(lifecycle)
        .then(events.statusChanged(existing.projection(), updated, session.sessionId(), null, now))
        .thenReturn(updated);
  }
}
