package dev.feedlink.connection.connections;

import dev.feedlink.connection.app.ApiTokens;
import dev.feedlink.connection.connections.ConnectionEvents.SessionRequest;
import dev.feedlink.connection.connections.domain.Connection;
import dev.feedlink.connection.connections.domain.ConnectionProjection;
import dev.feedlink.connection.connections.domain.ConnectionState;
import dev.feedlink.connection.connections.domain.RewindWindow;
import dev.feedlink.connection.connections.domain.SessionKind;
import dev.feedlink.connection.provider.Provider;
import dev.feedlink.connection.provider.Providers;
import dev.feedlink.events.LifecycleChange;
import dev.feedlink.platform.crypto.Sealed;
import dev.feedlink.platform.crypto.SecretCipher;
import dev.feedlink.platform.web.ApiProblem;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Links an end user's provider login: a new connection, or the repair of the one that login already
 * has (same id, same accounts); and gives a connection new credentials.
 */
final class Linking {

  private static final Logger log = LoggerFactory.getLogger(Linking.class);

  public static final String CONNECTION_TOKEN_PREFIX = "ct_";

  /** What the client asked for; the password never leaves this object unsealed. */
  record LinkRequest(
      UUID appId,
      UUID providerId,
      UUID userId,
      String username,
      String password,
      List<String> scopes,
      List<String> metrics,
      Instant rewindFrom,
      Instant rewindTo,
      boolean streamEnabled) {
    @Override
    public String toString() {
      return "LinkRequest[app=" + appId + ", provider=" + providerId + ", user=" + userId + "]";
    }
  }

  /** The linked connection, its new connection token (shown once) and whether it was a repair. */
  record Linked(Connection connection, String connectionToken, boolean repaired) {}

  private final Connections connections;
  private final SessionHistory history;
  private final Providers providers;
  private final ConnectionEvents events;
  private final RequestingSessions sessions;
  private final SecretCipher cipher;
  private final ApiTokens tokens;
  private final JsonMapper json;
  private final TransactionalOperator tx;
  private final Clock clock;

  Linking(
      Connections connections,
      SessionHistory history,
      Providers providers,
      ConnectionEvents events,
      RequestingSessions sessions,
      SecretCipher cipher,
      ApiTokens tokens,
      JsonMapper json,
      TransactionalOperator tx,
      Clock clock) {
    this.connections = connections;
    this.history = history;
    this.providers = providers;
    this.events = events;
    this.sessions = sessions;
    this.cipher = cipher;
    this.tokens = tokens;
    this.json = json;
    this.tx = tx;
    this.clock = clock;
  }

  Mono<Linked> link(LinkRequest request) {
    Optional<String> window = RewindWindow.problem(request.rewindFrom(), request.rewindTo(), clock.instant());
    if (window.isPresent()) {
      return Mono.error(ApiProblem.invalidField("rewind_from", window.get()));
    }
    return providers
        .find(request.providerId())
        .switchIfEmpty(Mono.defer(() -> unknownProvider(request.providerId())))
        .flatMap(provider -> checkMetrics(provider, request.metrics()).then(linkOnce(request, provider)))
        // Two first links of one login at once: the loser finds the winner's connection and repairs it.
        .onErrorResume(DuplicateKeyException.class, e -> providers.find(request.providerId()).flatMap(p -> linkOnce(request, p)));
  }

  private Mono<Linked> linkOnce(LinkRequest request, Provider provider) {
    Mono<Linked> work =
        connections
            .lockLogin(request.appId(), request.userId(), request.providerId(), request.username())
            .flatMap(existing -> repair(existing, request, provider))
            .switchIfEmpty(Mono.defer(() -> create(request, provider)));
    return tx.transactional(work);
  }

  private Mono<Linked> create(LinkRequest r, Provider provider) {
    Instant now = clock.instant();
    UUID connectionId = UUID.randomUUID();
    UUID sessionId = UUID.randomUUID();
    Connection connection =
        new Connection(
            connectionId, r.appId(), r.providerId(), r.userId(), r.username(), r.scopes(), r.metrics(), r.streamEnabled(),
            now, ConnectionProjection.initiated(sessionId, now), List.of());
    Sealed credentials = seal(connectionId, r.username(), r.password());
    String token = tokens.issue(CONNECTION_TOKEN_PREFIX);
    SessionRequest session =
        new SessionRequest(sessionId, SessionKind.CONNECT, credentials, dataTypes(provider, r.metrics()), r.rewindFrom(), r.rewindTo());
    return connections
        .insert(connection, credentials)
        .then(connections.saveToken(connectionId, r.appId(), ApiTokens.hash(token), now))
        .then(history.requested(sessionId, connectionId, SessionKind.CONNECT, now, r.rewindFrom(), r.rewindTo()))
        .then(events.sessionRequested(connection, session, now))
        .then(events.lifecycle(connection, LifecycleChange.CREATED, now))
        .then(events.statusChanged(null, connection, sessionId, null, now))
        .doOnSuccess(done -> log.info("connection {} linked for app {}: session {} requested", connectionId, r.appId(), sessionId))
        .thenReturn(new Linked(connection, token, false));
  }

  private Mono<Linked> repair(Connection existing, LinkRequest r, Provider provider) {
    Instant now = clock.instant();
    UUID sessionId = UUID.randomUUID();
    Sealed credentials = seal(existing.connectionId(), r.username(), r.password());
    String token = tokens.issue(CONNECTION_TOKEN_PREFIX);
    SessionRequest session =
        new SessionRequest(sessionId, SessionKind.RECONNECT, credentials, dataTypes(provider, r.metrics()), r.rewindFrom(), r.rewindTo());
    return connections
        .replaceCredentials(existing.connectionId(), credentials)
        .then(connections.saveToken(existing.connectionId(), r.appId(), ApiTokens.hash(token), now))
        .then(sessions.request(existing.relinked(r.scopes(), r.metrics(), r.streamEnabled()), session, LifecycleChange.REPAIRED, now))
        .doOnSuccess(done -> log.info("connection {} repaired by a re-link: session {} requested", existing.connectionId(), sessionId))
        .map(repaired -> new Linked(repaired, token, true));
  }

  /** New credentials for a connection (the fix for a refused login, code 40101): reconnects at once. */
  Mono<Connection> updateCredentials(UUID appId, UUID connectionId, String username, String password) {
    Mono<Connection> work =
        connections
            .lockOwned(appId, connectionId)
            .flatMap(
                existing -> {
                  if (existing.projection().state() == ConnectionState.DISCONNECTED) {
                    return Mono.error(
                        ApiProblem.conflict(
                            "connection " + connectionId + " is disconnected; link the login again with POST /connections"));
                  }
                  if (!existing.username().equals(username)) {
                    return Mono.error(
                        ApiProblem.invalidField(
                            "credentials.username",
                            "a connection is one provider login (" + existing.username()
                                + "); link another login with POST /connections",
                            List.of(existing.username())));
                  }
                  return providers.find(existing.providerId()).flatMap(provider -> reconnect(existing, provider, password));
                });
    return tx.transactional(work);
  }

  private Mono<Connection> reconnect(Connection existing, Provider provider, String password) {
    Instant now = clock.instant();
    UUID sessionId = UUID.randomUUID();
    Sealed credentials = seal(existing.connectionId(), existing.username(), password);
    SessionRequest session =
        new SessionRequest(sessionId, SessionKind.RECONNECT, credentials, dataTypes(provider, existing.metrics()), null, null);
    return connections
        .replaceCredentials(existing.connectionId(), credentials)
        .then(sessions.request(existing, session, LifecycleChange.CREDENTIALS_UPDATED, now))
        .doOnSuccess(done -> log.info("connection {} has new credentials: session {} requested", existing.connectionId(), sessionId));
  }

  private Sealed seal(UUID connectionId, String username, String password) {
    Map<String, String> credentials = new LinkedHashMap<>();
    credentials.put("username", username);
    credentials.put("password", password);
    return cipher.seal(json.writeValueAsBytes(credentials), connectionId.toString());
  }

  /** Seed 001's metrics are the provider's data types in upper case; none means all of them. */
  static List<String> metricsOf(Provider provider) {
    return provider.dataTypes().stream().map(t -> t.toUpperCase(Locale.ROOT)).toList();
  }

  /** The data types a session fetches: the connection's metrics, or all the provider's. */
  static List<String> dataTypes(Provider provider, List<String> metrics) {
    if (metrics == null) {
      return provider.dataTypes();
    }
    return metrics.stream().map(m -> m.toLowerCase(Locale.ROOT)).toList();
  }

  private static Mono<Void> checkMetrics(Provider provider, List<String> metrics) {
    if (metrics == null) {
      return Mono.empty();
    }
    List<String> valid = metricsOf(provider);
    for (String metric : metrics) {
      if (!valid.contains(metric)) {
        return Mono.error(
            ApiProblem.invalidField(
                "metrics", "'" + metric + "' is not a data type of " + provider.name() + " (omit metrics for all)", valid));
      }
    }
    return Mono.empty();
  }

  private <T> Mono<T> unknownProvider(UUID providerId) {
    return providers
        .all()
        .map(p -> p.providerId().toString())
        .collectList()
        .flatMap(
            known ->
                Mono.error(
                    new ApiProblem(
                        org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT,
                        "Unknown provider",
                        "provider_id " + providerId + " is not a provider; GET /providers lists them",
                        "provider_id",
                        known)));
  }
}
