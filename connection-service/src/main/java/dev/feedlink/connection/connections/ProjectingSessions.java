package dev.feedlink.connection.connections;

import dev.feedlink.connection.connections.domain.Connection;
import dev.feedlink.connection.connections.domain.ConnectionProjection;
import dev.feedlink.connection.connections.domain.SessionKind;
import dev.feedlink.connection.connections.domain.Transition;
import dev.feedlink.events.AccountsLinked;
import dev.feedlink.events.DataAvailable;
import dev.feedlink.events.NoNewData;
import dev.feedlink.events.ReconnectionFailed;
import dev.feedlink.events.SessionStatusChanged;
import dev.feedlink.platform.kafka.EventEnvelope;
import dev.feedlink.platform.kafka.NonRetryableEventException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Turns what the pipeline reports into the connection's projections and history. Runs inside the
 * transaction that marks the event as applied; the connection's row is locked, so REST requests
 * and events about one connection apply one after the other.
 */
final class ProjectingSessions {

  private static final Logger log = LoggerFactory.getLogger(ProjectingSessions.class);

  private final Connections connections;
  private final SessionHistory history;
  private final ConnectionEvents events;
  private final Duration promptTimeout;
  private final Clock clock;

  ProjectingSessions(
      Connections connections, SessionHistory history, ConnectionEvents events, Duration promptTimeout, Clock clock) {
    this.connections = connections;
    this.history = history;
    this.events = events;
    this.promptTimeout = promptTimeout;
    this.clock = clock;
  }

  Mono<Void> handle(EventEnvelope envelope) {
    Object event = envelope.event();
    if (event instanceof SessionStatusChanged e) {
      return withConnection(envelope, e.getConnectionId(), e.getAppId(), c -> transition(c, e));
    }
    if (event instanceof AccountsLinked e) {
      return withConnection(envelope, e.getConnectionId(), e.getAppId(), c -> accountsLinked(c, e));
    }
    if (event instanceof DataAvailable e) {
      return withConnection(
          envelope, e.getConnectionId(), e.getAppId(),
          c -> history.outcome(
              UUID.fromString(e.getSessionId()), c.connectionId(), Transitions.kind(e.getSessionKind()),
              new SessionHistory.Outcome(
                  "data_available", e.getOccurredAt(), e.getDataType(), e.getTotalNewRecords(),
                  // Only a Rewind repeats records delivered before; it says how many, even none.
                  e.getSessionKind() == dev.feedlink.events.SessionKind.REWIND ? e.getOverlappingRecords() : null, null, null)));
    }
    if (event instanceof NoNewData e) {
      return withConnection(
          envelope, e.getConnectionId(), e.getAppId(),
          c -> history.outcome(
              UUID.fromString(e.getSessionId()), c.connectionId(), Transitions.kind(e.getSessionKind()),
              new SessionHistory.Outcome("no_new_data", e.getOccurredAt(), e.getDataType(), 0L, null, null, null)));
    }
    if (event instanceof ReconnectionFailed e) {
      return withConnection(
          envelope, e.getConnectionId(), e.getAppId(),
          c -> history.outcome(
              UUID.fromString(e.getSessionId()), c.connectionId(), Transitions.kind(e.getSessionKind()),
              new SessionHistory.Outcome(
                  "reconnection_failed", e.getOccurredAt(), null, null, null, e.getCode(), e.getMessage())));
    }
    return Mono.empty();
  }

  private Mono<Void> withConnection(
      EventEnvelope envelope, String connectionId, String appId, Function<Connection, Mono<Void>> apply) {
    UUID id;
    try {
      id = UUID.fromString(connectionId);
    } catch (IllegalArgumentException e) {
      return Mono.error(new NonRetryableEventException(envelope.where() + ": connectionId is not a UUID", e));
    }
    return connections
        .lock(id)
        .flatMap(
            c -> {
              if (!c.appId().toString().equals(appId)) {
                return Mono.error(
                    new NonRetryableEventException(
                        envelope.where() + ": event names app " + appId + " but connection " + id + " belongs to another"));
              }
              return Mono.defer(() -> apply.apply(c))
                  .onErrorMap(
                      IllegalArgumentException.class,
                      e -> new NonRetryableEventException(envelope.where() + ": " + e.getMessage(), e))
                  .thenReturn(true);
            })
        .switchIfEmpty(
            Mono.fromRunnable(() -> log.warn("{}: no connection {} here; event ignored", envelope.where(), id)))
        .then();
  }

  private Mono<Void> transition(Connection c, SessionStatusChanged event) {
    Transition t;
    try {
      t = Transitions.of(event, promptTimeout);
    } catch (IllegalArgumentException | NullPointerException e) {
      return Mono.error(new NonRetryableEventException("unreadable SessionStatusChanged " + event.getEventId(), e));
    }
    ConnectionProjection before = c.projection();
    ConnectionProjection.Applied applied = before.apply(t);
    Connection after = c.with(applied.projection());
    Mono<Void> recorded = history.record(c.connectionId(), t);
    if (applied instanceof ConnectionProjection.Applied.Ignored ignored) {
      log.info("connection {}: transition {} ({}) not applied: {}", c.connectionId(), t.sequence(), t.code(), ignored.why());
      return recorded.then(after.projection().equals(before) ? Mono.empty() : connections.update(after));
    }
    return recorded
        .then(connections.update(after))
        .then(events.statusChanged(before, after, t.sessionId(), t.code(), clock.instant()));
  }

  private Mono<Void> accountsLinked(Connection c, AccountsLinked event) {
    UUID sessionId;
    try {
      sessionId = UUID.fromString(event.getSessionId());
    } catch (IllegalArgumentException e) {
      return Mono.error(new NonRetryableEventException("AccountsLinked " + event.getEventId() + ": sessionId is not a UUID", e));
    }
    if (!c.projection().acceptsNewsOf(sessionId)) {
      log.info("connection {}: accounts of session {} ignored, another session leads it", c.connectionId(), sessionId);
      return Mono.empty();
    }
    return history
        .outcome(sessionId, c.connectionId(), SessionKind.UNKNOWN,
            new SessionHistory.Outcome("accounts_linked", event.getOccurredAt(), null, (long) event.getAccounts().size(), null, null, null))
        .then(connections.update(c.withAccounts(Transitions.accounts(event.getAccounts()))));
  }
}
