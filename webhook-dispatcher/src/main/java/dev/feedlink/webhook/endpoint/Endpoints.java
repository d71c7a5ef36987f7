package dev.feedlink.webhook.endpoint;

import dev.feedlink.platform.crypto.Sealed;
import dev.feedlink.webhook.endpoint.domain.DisableReason;
import dev.feedlink.webhook.endpoint.domain.Endpoint;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The apps' endpoints and their sealed signing secrets. Lookups by app never see another app's. */
public interface Endpoints {

  /** Stores a new endpoint with its first secret (version 1). */
  Mono<Endpoint> create(Endpoint endpoint, Sealed secret);

  /** Endpoints of the app that are not deleted. */
  Mono<Long> count(String appId);

  Flux<Endpoint> list(String appId);

  /** The app's endpoint, unless deleted. */
  Mono<Endpoint> find(String appId, UUID endpointId);

  /** Every endpoint not deleted of these apps, by app. */
  Mono<Map<String, List<Endpoint>>> ofApps(Collection<String> appIds);

  /** Saves url, description, event types and ordering. */
  Mono<Endpoint> update(Endpoint endpoint);

  /**
   * Disables an enabled endpoint and fails its pending deliveries (reason endpoint_disabled, or
   * endpoint_gone for 410). Emits the endpoint as it was before, when it was enabled; empty when
   * it was not (already disabled, deleted, or another instance was first).
   */
  Mono<Endpoint> disable(UUID endpointId, DisableReason reason, Instant now);

  /** Enables it again and forgets past failures. Emits the endpoint as it is now. */
  Mono<Endpoint> enable(String appId, UUID endpointId, Instant now);

  /** Marks it deleted and cancels its pending deliveries; emits whether it existed. */
  Mono<Boolean> delete(String appId, UUID endpointId, Instant now);

  /**
   * Adds a new secret version; older secrets still signing stop at {@code previousExpireAt}.
   * Emits the new version.
   */
  Mono<Integer> rotateSecret(UUID endpointId, Sealed secret, Instant now, Instant previousExpireAt);

  /** A secret that signs until {@code expiresAt} (null: until rotated). */
  record StoredSecret(int version, Sealed sealed, Instant expiresAt) {}

  /** The endpoint's secrets that still sign at {@code now}, newest first. */
  Mono<List<StoredSecret>> signingSecrets(UUID endpointId, Instant now);
}
