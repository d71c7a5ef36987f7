package dev.feedlink.webhook.endpoint.domain;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Where an app wants webhooks sent.
 *
 * @param eventTypes the types it receives; empty means every type
 * @param ordered deliver one connection's messages one at a time, in sequence order
 * @param disabledReason why it is disabled, or null
 * @param failingSince first failed attempt since the last success, or null while healthy
 * @param secretVersion the newest signing secret's version (every rotation adds one)
 */
public record Endpoint(
    UUID endpointId,
    String appId,
    String url,
    String description,
    Set<EventType> eventTypes,
    boolean ordered,
    EndpointStatus status,
    DisableReason disabledReason,
    Instant disabledAt,
    Instant failingSince,
    Instant createdAt,
    Instant updatedAt,
    int secretVersion) {

  public Endpoint {
    eventTypes = Set.copyOf(eventTypes);
  }

  public boolean subscribesTo(EventType type) {
    return eventTypes.isEmpty() || eventTypes.contains(type);
  }

  public boolean enabled() {
    return status == EndpointStatus.ENABLED;
  }
}
