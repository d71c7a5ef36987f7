package dev.feedlink.connection.app;

import java.time.Instant;
import java.util.UUID;
import reactor.core.publisher.Mono;

/** The apps and their token hashes. */
public interface Apps {

  Mono<App> create(App app, UUID tokenId, byte[] tokenHash, String hint);

  /** The app owning an active (not revoked) token with this hash. */
  Mono<UUID> appOfToken(byte[] tokenHash);

  Mono<Void> addToken(UUID appId, UUID tokenId, byte[] tokenHash, String hint, Instant at);

  Mono<App> find(UUID appId);
}
