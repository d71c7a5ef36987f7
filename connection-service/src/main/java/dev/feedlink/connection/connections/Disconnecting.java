package dev.feedlink.connection.connections;

import dev.feedlink.connection.connections.ConnectionEvents.SessionRequest;
import dev.feedlink.connection.connections.domain.Connection;
import dev.feedlink.connection.connections.domain.ConnectionState;
import dev.feedlink.connection.connections.domain.SessionKind;
import dev.feedlink.events.LifecycleChange;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Disconnects a connection for good: effective at once, its credentials destroyed here, the
 * pipeline told to drop its copy (it answers 26 Disconnected) and the scheduler to stop its streams.
 */
final class Disconnecting {

  private static final Logger log = LoggerFactory.getLogger(Disconnecting.class);

  private final Connections connections;
  private final SessionHistory history;
  private final ConnectionEvents events;
  private final TransactionalOperator tx;
  private final Clock clock;

  Disconnecting(
      Connections connections, SessionHistory history, ConnectionEvents events, TransactionalOperator tx, Clock clock) {
    this.connections = connections;
    this.history = history;
    this.events = events;
    this.tx = tx;
    this.clock = clock;
  }

  /** Idempotent: disconnecting a disconnected connection changes nothing. */
  Mono<Connection> disconnect(UUID appId, UUID connectionId) {
    Mono<Connection> work =
        connections
            .lockOwned(appId, connectionId)
            .flatMap(
                existing -> {
                  if (existing.projection().state() == ConnectionState.DISCONNECTED) {
                    return Mono.just(existing);
                  }
                  Instant now = clock.instant();
                  UUID sessionId = UUID.randomUUID();
                  Connection disconnected = existing.with(existing.projection().disconnected(sessionId, now));
                  return connections
                      .update(disconnected)
                      .then(connections.dropCredentials(connectionId))
                      .then(history.requested(sessionId, connectionId, SessionKind.DISCONNECT, now))
                      .then(
                          events.sessionRequested(
                              disconnected, new SessionRequest(sessionId, SessionKind.DISCONNECT, null, List.of(), null, null), now))
                      .then(events.lifecycle(disconnected, LifecycleChange.DISCONNECTED, now))
                      .then(events.statusChanged(existing.projection(), disconnected, sessionId, null, now))
                      .doOnSuccess(done -> log.info("connection {} disconnected; credentials destroyed", connectionId))
                      .thenReturn(disconnected);
                });
    return tx.transactional(work);
  }
}
