package dev.feedlink.connection.connections.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The link between an app's end user and one provider login (seed 001), with what its sessions
 * made of it.
 *
 * @param username the login name at the provider (not secret; it identifies the login on re-link)
 * @param metrics seed 001's metrics: the data types the connection is for, null meaning all
 * @param accounts the accounts the latest session linked (seed 000's entities)
 */
public record Connection(
    UUID connectionId,
    UUID appId,
    UUID providerId,
    UUID userId,
    String username,
    List<String> requestedScopes,
    List<String> metrics,
    boolean streamEnabled,
    Instant createdAt,
    ConnectionProjection projection,
    List<Account> accounts) {

  public Connection {
    requestedScopes = requestedScopes == null ? null : List.copyOf(requestedScopes);
    metrics = metrics == null ? null : List.copyOf(metrics);
    accounts = accounts == null ? List.of() : List.copyOf(accounts);
  }

  public Connection with(ConnectionProjection next) {
    return new Connection(
        connectionId, appId, providerId, userId, username, requestedScopes, metrics, streamEnabled, createdAt, next,
        accounts);
  }

  public Connection withAccounts(List<Account> linked) {
    return new Connection(
        connectionId, appId, providerId, userId, username, requestedScopes, metrics, streamEnabled, createdAt,
        projection, linked);
  }

  /** A re-link may change what the connection is for. */
  public Connection relinked(List<String> scopes, List<String> newMetrics, boolean stream) {
    return new Connection(
        connectionId, appId, providerId, userId, username, scopes, newMetrics, stream, createdAt, projection,
        accounts);
  }
}
