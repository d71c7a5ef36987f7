package dev.feedlink.webhook.message;

import dev.feedlink.webhook.endpoint.Endpoints;
import dev.feedlink.webhook.endpoint.domain.Endpoint;
import dev.feedlink.webhook.message.DeliveryPrefetch.CreatedDelivery;
import dev.feedlink.webhook.message.MessageStore.Created;
import dev.feedlink.webhook.message.MessageStore.NewDelivery;
import dev.feedlink.webhook.message.domain.FanOut;
import dev.feedlink.webhook.message.domain.NewMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Stores messages and their deliveries at once (one statement, so atomically): the message, one
 * delivery per subscribed endpoint, numbered per endpoint and connection. A message already stored
 * (same event and type) is skipped, so a redelivered event changes nothing.
 *
 * <p>Deliveries this instance can send at once are stored leased to it and handed to its
 * dispatcher once stored (durable first, then sent, no claim query between); the others are
 * stored due now and the dispatcher, woken then, claims them.
 */
public final class MessageIngest {

  /** What one ingestion stored. */
  private record Stored(int deliveries, boolean waitForClaim, List<CreatedDelivery> leased) {
    static final Stored NOTHING = new Stored(0, false, List.of());
  }

  private final Endpoints endpoints;
  private final MessageStore store;
  private final Clock clock;
  private final Runnable wake;
  private final Supplier<DeliveryPrefetch> prefetch;

  /**
   * @param wake wakes the dispatcher
   * @param prefetch this instance's dispatcher (looked up late: it depends on ingestion itself)
   */
  public MessageIngest(
      Endpoints endpoints, MessageStore store, Clock clock, Runnable wake, Supplier<DeliveryPrefetch> prefetch) {
    this.endpoints = endpoints;
    this.store = store;
    this.clock = clock;
    this.wake = wake;
    this.prefetch = prefetch;
  }

  /** Ingests on its own; emits how many deliveries were created. */
  public Mono<Integer> ingest(List<NewMessage> messages) {
    if (messages.isEmpty()) {
      return Mono.just(0);
    }
    DeliveryPrefetch dispatcher = prefetch.get();
    Map<UUID, Integer> reserved = new HashMap<>();
    return Mono.defer(() -> ingest(messages, dispatcher, reserved))
        .doOnNext(stored -> {
          dispatcher.accept(stored.leased());
          if (stored.waitForClaim()) {
            wake.run();
          }
        })
        .doOnError(e -> reserved.forEach(dispatcher::release))
        .map(Stored::deliveries);
  }

  /** For callers that own the transaction (e.g. disabling an endpoint and telling the app). */
  public Mono<Integer> ingestInCurrentTransaction(List<NewMessage> messages) {
    return ingest(messages, DeliveryPrefetch.NONE, new HashMap<>()).map(Stored::deliveries);
  }

  private Mono<Stored> ingest(List<NewMessage> messages, DeliveryPrefetch dispatcher, Map<UUID, Integer> reserved) {
    Set<String> apps = new LinkedHashSet<>();
    messages.forEach(m -> apps.add(m.appId()));
    return endpoints.ofApps(apps).flatMap(byApp -> store(messages, byApp, dispatcher, reserved));
  }

  private Mono<Stored> store(
      List<NewMessage> messages, Map<String, List<Endpoint>> byApp, DeliveryPrefetch dispatcher, Map<UUID, Integer> reserved) {
    List<NewMessage> wanted = messages.stream().filter(m -> FanOut.anyRecipient(m, byApp)).toList();
    if (wanted.isEmpty()) {
      return Mono.just(Stored.NOTHING);
    }
    FanOut.Plan plan = FanOut.plan(wanted, byApp);
    Map<UUID, Endpoint> endpointsById = new HashMap<>();
    byApp.values().forEach(list -> list.forEach(e -> endpointsById.put(e.endpointId(), e)));
    // Ordered endpoints go through the claim, which sends only the first pending delivery per connection.
    Map<UUID, Integer> sendable = new LinkedHashMap<>();
    for (FanOut.PlannedDelivery d : plan.deliveries()) {
      if (d.pending() && !endpointsById.get(d.endpointId()).ordered()) {
        sendable.merge(d.endpointId(), 1, Integer::sum);
      }
    }
    Map<UUID, Integer> left = new HashMap<>();
    sendable.forEach((endpoint, count) -> {
      int granted = dispatcher.reserve(endpoint, count);
      if (granted > 0) {
        reserved.put(endpoint, granted);
        left.put(endpoint, granted);
      }
    });
    List<NewDelivery> rows = new ArrayList<>(plan.deliveries().size());
    for (FanOut.PlannedDelivery d : plan.deliveries()) {
      boolean lease = d.pending() && left.getOrDefault(d.endpointId(), 0) > 0;
      if (lease) {
        left.merge(d.endpointId(), -1, Integer::sum);
      }
      rows.add(new NewDelivery(d.messageIndex(), d.endpointId(), d.connectionId(), d.pending(),
          endpointsById.get(d.endpointId()).ordered(), lease));
    }
    Instant now = clock.instant();
    Instant leasedUntil = now.plus(dispatcher.lease());
    return store.store(wanted, rows, now, leasedUntil).map(created -> {
      List<CreatedDelivery> leased = new ArrayList<>();
      boolean waitForClaim = false;
      for (Created c : created) {
        NewDelivery row = rows.get(c.delivery());
        if (row.leased()) {
          NewMessage content = wanted.get(row.message());
          Endpoint endpoint = endpointsById.get(row.endpointId());
          leased.add(new CreatedDelivery(c.deliveryId(), row.endpointId(), endpoint.url(), endpoint.secretVersion(),
              c.messageId(), content.type().wireName(), row.connectionId(), c.sequence(), content.createdAt(),
              content.payloadJson(), leasedUntil));
        } else {
          waitForClaim |= row.pending();
        }
      }
      // Reservations for deliveries not created (their message was stored before) go back.
      Map<UUID, Integer> used = new HashMap<>();
      leased.forEach(c -> used.merge(c.endpointId(), 1, Integer::sum));
      reserved.forEach((endpoint, count) -> {
        int unused = count - used.getOrDefault(endpoint, 0);
        if (unused > 0) {
          dispatcher.release(endpoint, unused);
        }
      });
      reserved.clear();
      return new Stored(created.size(), waitForClaim, leased);
    });
  }
}
