package dev.feedlink.webhook.delivery;

import dev.feedlink.webhook.endpoint.EndpointSecrets;
import dev.feedlink.webhook.endpoint.Endpoints;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * The opened signing keys of each endpoint, cached by the endpoint's secret version (every
 * rotation bumps it, so a claimed delivery carrying a newer version reloads). A rotated-out key is
 * dropped from the signatures once its grace period is over.
 */
final class SigningKeys {

  private static final int MAX_CACHED = 10_000;

  private record Key(byte[] key, Instant expiresAt) {}

  private record Cached(int version, List<Key> keys) {}

  private final Endpoints endpoints;
  private final EndpointSecrets secrets;
  private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

  SigningKeys(Endpoints endpoints, EndpointSecrets secrets) {
    this.endpoints = endpoints;
    this.secrets = secrets;
  }

  /** Keys that sign at {@code now}, newest first. */
  Mono<List<byte[]>> signingAt(UUID endpointId, int version, Instant now) {
    Cached cached = cache.get(endpointId);
    Mono<Cached> keys =
        cached != null && cached.version() == version ? Mono.just(cached) : load(endpointId, version, now);
    return keys.map(c -> c.keys().stream().filter(k -> k.expiresAt() == null || k.expiresAt().isAfter(now)).map(Key::key).toList())
        .flatMap(list -> list.isEmpty()
            ? Mono.error(new IllegalStateException("endpoint " + endpointId + " has no signing secret"))
            : Mono.just(list));
  }

  private Mono<Cached> load(UUID endpointId, int version, Instant now) {
    return endpoints.signingSecrets(endpointId, now).map(stored -> {
      List<Key> keys = stored.stream()
          .map(s -> new Key(secrets.open(endpointId, s.sealed()).key(), s.expiresAt()))
          .toList();
      Cached fresh = new Cached(version, keys);
      if (cache.size() >= MAX_CACHED) {
        cache.clear();
      }
      cache.put(endpointId, fresh);
      return fresh;
    });
  }
}
