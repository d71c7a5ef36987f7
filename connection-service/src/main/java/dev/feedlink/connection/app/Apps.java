package dev.feedlink.connection.app;

import java.time.Instant;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The apps and their token hashes. */
public interface Apps {

  Mono<App> create(App app, UUID tokenId, byte[] tokenHash, String hint);

  /** The app owning an active (not revoked) token with this hash. */
  Mono<UUID> appOfToken(byte[] tokenHash);

  Mono<Void> addToken(UUID appId, UUID tokenId, byte[] tokenHash, String hint, Instant at);

  Mono<App> find(UUID appId);

  /** A token as listed: never the token itself. */
  record TokenInfo(UUID tokenId, String hint, Instant createdAt, Instant revokedAt) {}

  Flux<TokenInfo> tokens(UUID appId);

  /** Revokes the app's token; emits whether it was active. */
  Mono<Boolean> revoke(UUID appId, UUID tokenId, Instant at);
}
