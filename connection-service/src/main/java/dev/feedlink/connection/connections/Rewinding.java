package dev.feedlink.connection.connections;

import dev.feedlink.connection.connections.ConnectionEvents.SessionRequest;
import dev.feedlink.connection.connections.domain.Connection;
import dev.feedlink.connection.connections.domain.RewindReadiness;
import dev.feedlink.connection.connections.domain.RewindWindow;
import dev.feedlink.connection.connections.domain.SessionKind;
import dev.feedlink.connection.provider.Providers;
import dev.feedlink.platform.web.ApiProblem;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * A Rewind of a connection that exists: the pipeline fetches a past window again with the stored
 * credentials and delivers it, the records new to the app and, counted as overlapping, those it
 * had already (seed 003: unlike Stream, a Rewind repeats what was fetched before).
 */
final class Rewinding {

  private static final Logger log = LoggerFactory.getLogger(Rewinding.class);

  /** The Rewind asked for, as the 202 shows it. */
  record Rewind(Connection connection, UUID sessionId, Instant from, Instant to, Instant requestedAt) {}

  private final Connections connections;
  private final SessionHistory history;
  private final Providers providers;
  private final RequestingSessions sessions;
  private final TransactionalOperator tx;
  private final Clock clock;

  Rewinding(
      Connections connections,
      SessionHistory history,
      Providers providers,
      RequestingSessions sessions,
      TransactionalOperator tx,
      Clock clock) {
    this.connections = connections;
    this.history = history;
    this.providers = providers;
    this.sessions = sessions;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * @param to null for now, by this service's clock
   */
  Mono<Rewind> rewind(UUID appId, UUID connectionId, Instant rewindFrom, Instant to) {
    // The events carry milliseconds: the window answered and kept is the one the pipeline gets.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant from = rewindFrom.truncatedTo(ChronoUnit.MILLIS);
    Instant end = to == null ? null : to.truncatedTo(ChronoUnit.MILLIS);
    Instant until = end == null ? now : end;
    Optional<String> problem = RewindWindow.problem(from, end, now);
    if (problem.isPresent()) {
      return Mono.error(ApiProblem.invalidField("rewind_from", problem.get()));
    }
    Mono<Rewind> work =
        connections
            .lockOwned(appId, connectionId)
            .flatMap(existing -> history.unfinished(connectionId).collectList()
                .flatMap(unfinished -> RewindReadiness.of(existing, unfinished) instanceof RewindReadiness.Refused refused
                    ? Mono.<Rewind>error(ApiProblem.conflict(refused.why()))
                    : start(existing, from, until, now)));
    return tx.transactional(work);
  }

  private Mono<Rewind> start(Connection existing, Instant from, Instant to, Instant now) {
    UUID sessionId = UUID.randomUUID();
    return connections
        .credentials(existing.connectionId())
        // A connection that is not disconnected has credentials; none is a broken invariant, not a client error.
        .switchIfEmpty(Mono.error(() -> new IllegalStateException("connection " + existing.connectionId() + " has no credentials")))
        .zipWith(providers.find(existing.providerId())
            .switchIfEmpty(Mono.error(() -> new IllegalStateException("connection " + existing.connectionId()
                + " is of provider " + existing.providerId() + ", which the pipeline no longer catalogues"))))
        .flatMap(found -> sessions.request(
            existing,
            new SessionRequest(
                sessionId, SessionKind.REWIND, found.getT1(), Linking.dataTypes(found.getT2(), existing.metrics()), from, to),
            null,
            now))
        .doOnSuccess(c -> log.info("connection {}: Rewind {} to {} requested as session {}", c.connectionId(), from, to, sessionId))
        .map(c -> new Rewind(c, sessionId, from, to, now));
  }
}
