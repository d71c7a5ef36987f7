package dev.feedlink.webhook.message;

import dev.feedlink.webhook.endpoint.Endpoints;
import dev.feedlink.webhook.endpoint.domain.Endpoint;
import dev.feedlink.webhook.message.DeliveryPrefetch.CreatedDelivery;
import dev.feedlink.webhook.message.MessageStore.DeliveryKey;
import dev.feedlink.webhook.message.MessageStore.NewDelivery;
import dev.feedlink.webhook.message.MessageStore.StoredMessage;
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
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Stores messages and their deliveries in one transaction: the message, one delivery per
 * subscribed endpoint, numbered per endpoint and connection. A message already stored (same event
 * and type) is skipped, so a redelivered event changes nothing.
 *
 * <p>Deliveries this instance can send at once are stored leased to it and handed to its
 * dispatcher after the commit (durable first, then sent, no claim query between); the others are
 * stored due now and the dispatcher, woken after the commit, claims them.
 */
public final class MessageIngest {

  /** What one ingestion stored. */
  private record Stored(int deliveries, List<CreatedDelivery> leased) {
    static final Stored NOTHING = new Stored(0, List.of());
  }

  private final Endpoints endpoints;
  private final MessageStore store;
  private final TransactionalOperator tx;
  private final Clock clock;
  private final Runnable afterCommit;
  private final Supplier<DeliveryPrefetch> prefetch;

  /**
   * @param afterCommit wakes the dispatcher
   * @param prefetch this instance's dispatcher (looked up late: it depends on ingestion itself)
   */
  public MessageIngest(
      Endpoints endpoints, MessageStore store, TransactionalOperator tx, Clock clock, Runnable afterCommit,
      Supplier<DeliveryPrefetch> prefetch) {
    this.endpoints = endpoints;
    this.store = store;
    this.tx = tx;
    this.clock = clock;
    this.afterCommit = afterCommit;
    this.prefetch = prefetch;
  }

  /** Ingests in a transaction of its own; emits how many deliveries were created. */
  public Mono<Integer> ingest(List<NewMessage> messages) {
    if (messages.isEmpty()) {
      return Mono.just(0);
    }
    DeliveryPrefetch dispatcher = prefetch.get();
    Map<UUID, Integer> reserved = new HashMap<>();
    return tx.transactional(Mono.defer(() -> ingest(messages, dispatcher, reserved)))
        .doOnNext(stored -> {
          dispatcher.accept(stored.leased());
          if (stored.deliveries() > stored.leased().size()) {
            afterCommit.run();
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
    return store.insertNew(wanted).flatMap(inserted -> {
      if (inserted.isEmpty()) {
        return Mono.just(Stored.NOTHING);
      }
      List<NewMessage> fresh = new ArrayList<>(inserted.size());
      List<StoredMessage> stored = new ArrayList<>(inserted.size());
      inserted.forEach((index, message) -> {
        fresh.add(wanted.get(index));
        stored.add(message);
      });
      FanOut.Plan plan = FanOut.plan(fresh, byApp);
      if (plan.deliveries().isEmpty()) {
        return Mono.just(Stored.NOTHING);
      }
      Map<UUID, Endpoint> endpointsById = new HashMap<>();
      byApp.values().forEach(list -> list.forEach(e -> endpointsById.put(e.endpointId(), e)));
      return store.advanceSequences(plan.counts())
          .flatMap(last -> insert(plan.numbered(last), fresh, stored, endpointsById, dispatcher, reserved));
    });
  }

  private Mono<Stored> insert(
      List<FanOut.PlannedDelivery> planned, List<NewMessage> messages, List<StoredMessage> stored,
      Map<UUID, Endpoint> endpointsById, DeliveryPrefetch dispatcher, Map<UUID, Integer> reserved) {
    Instant now = clock.instant();
    Instant leasedUntil = now.plus(dispatcher.lease());
    // Ordered endpoints go through the claim, which sends only the first pending delivery per connection.
    Map<UUID, Integer> sendable = new LinkedHashMap<>();
    for (FanOut.PlannedDelivery d : planned) {
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
    List<NewDelivery> rows = new ArrayList<>(planned.size());
    List<FanOut.PlannedDelivery> leased = new ArrayList<>();
    for (FanOut.PlannedDelivery d : planned) {
      Endpoint endpoint = endpointsById.get(d.endpointId());
      boolean lease = d.pending() && left.getOrDefault(d.endpointId(), 0) > 0;
      if (lease) {
        left.merge(d.endpointId(), -1, Integer::sum);
        leased.add(d);
      }
      rows.add(new NewDelivery(stored.get(d.messageIndex()).key(), d.endpointId(), d.connectionId(), d.sequence(),
          d.pending(), endpoint.ordered(), lease ? leasedUntil : now));
    }
    return store.insertDeliveries(rows, now).map(ids -> {
      List<CreatedDelivery> created = new ArrayList<>(leased.size());
      for (FanOut.PlannedDelivery d : leased) {
        StoredMessage message = stored.get(d.messageIndex());
        NewMessage content = messages.get(d.messageIndex());
        Endpoint endpoint = endpointsById.get(d.endpointId());
        created.add(new CreatedDelivery(ids.get(new DeliveryKey(message.key(), d.endpointId())), d.endpointId(),
            endpoint.url(), endpoint.secretVersion(), message.messageId(), content.type().wireName(), d.connectionId(),
            d.sequence(), content.createdAt(), content.payloadJson()));
      }
      return new Stored(planned.size(), created);
    });
  }
}
