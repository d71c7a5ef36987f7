package dev.feedlink.connection.connections;

import dev.feedlink.connection.connections.domain.Connection;
import dev.feedlink.connection.connections.domain.PageCursor;
import dev.feedlink.platform.crypto.Sealed;
import dev.feedlink.platform.web.ApiProblem;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The connections, their sealed credentials and their connection tokens. */
public interface Connections {

  /** Filters of a listing; null means any. */
  record Filter(String state, String connectionStatus, String reason, UUID providerId, UUID userId) {}

  /** The app and connection a connection token was issued for. */
  record TokenOwner(UUID appId, UUID connectionId) {}

  Mono<Void> insert(Connection connection, Sealed credentials);

  /** The app's connection, or empty (another app's connection is as absent as an unknown one). */
  Mono<Connection> find(UUID appId, UUID connectionId);

  /** Locks the connection's row for the rest of the transaction; empty if it does not exist. */
  Mono<Connection> lock(UUID connectionId);

  /** Locks the app's connection; another app's is as absent as an unknown one (404). */
  default Mono<Connection> lockOwned(UUID appId, UUID connectionId) {
    return lock(connectionId)
        .filter(c -> c.appId().equals(appId))
        .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("connection", connectionId.toString())));
  }

  /** The app's connection of this provider login, locked for the rest of the transaction. */
  Mono<Connection> lockLogin(UUID appId, UUID userId, UUID providerId, String username);

  /** Writes what a session or a request changed (projection, accounts, what the connection is for). */
  Mono<Void> update(Connection connection);

  Mono<Void> replaceCredentials(UUID connectionId, Sealed credentials);

  /** The connection's sealed credentials; empty once disconnection destroyed them. */
  Mono<Sealed> credentials(UUID connectionId);

  Mono<Void> dropCredentials(UUID connectionId);

  /** Issues (or replaces) the connection's token. */
  Mono<Void> saveToken(UUID connectionId, UUID appId, byte[] tokenHash, java.time.Instant at);

  Mono<TokenOwner> tokenOwner(byte[] tokenHash);

  Mono<Void> dropToken(UUID connectionId);

  /** One page of the app's connections in creation order, after the cursor. */
  Flux<Connection> page(UUID appId, Filter filter, PageCursor after, int limit);
}
