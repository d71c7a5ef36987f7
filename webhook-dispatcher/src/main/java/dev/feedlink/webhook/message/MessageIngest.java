package dev.feedlink.webhook.message;

import dev.feedlink.webhook.endpoint.Endpoints;
import dev.feedlink.webhook.endpoint.domain.Endpoint;
import dev.feedlink.webhook.message.domain.FanOut;
import dev.feedlink.webhook.message.domain.NewMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Stores messages and their deliveries in one transaction: the message, one delivery per
 * subscribed endpoint, numbered per endpoint and connection. A message already stored (same event
 * and type) is skipped, so a redelivered event changes nothing. After the commit the dispatcher is
 * woken, so fresh deliveries go out at once rather than at the next poll.
 */
public final class MessageIngest {

  private final Endpoints endpoints;
  private final MessageStore store;
  private final TransactionalOperator tx;
  private final Clock clock;
  private final Runnable afterCommit;

  public MessageIngest(Endpoints endpoints, MessageStore store, TransactionalOperator tx, Clock clock, Runnable afterCommit) {
    this.endpoints = endpoints;
    this.store = store;
    this.tx = tx;
    this.clock = clock;
    this.afterCommit = afterCommit;
  }

  /** Ingests in a transaction of its own; emits how many deliveries were created. */
  public Mono<Integer> ingest(List<NewMessage> messages) {
    if (messages.isEmpty()) {
      return Mono.just(0);
    }
    return tx.transactional(ingestInCurrentTransaction(messages))
        .doOnNext(created -> {
          if (created > 0) {
            afterCommit.run();
          }
        });
  }

  /** For callers that own the transaction (e.g. disabling an endpoint and telling the app). */
  public Mono<Integer> ingestInCurrentTransaction(List<NewMessage> messages) {
    Set<String> apps = new LinkedHashSet<>();
    messages.forEach(m -> apps.add(m.appId()));
    return endpoints.ofApps(apps).flatMap(byApp -> store(messages, byApp));
  }

  private Mono<Integer> store(List<NewMessage> messages, Map<String, List<Endpoint>> byApp) {
    List<NewMessage> wanted = new ArrayList<>(messages.size());
    for (NewMessage m : messages) {
      if (FanOut.anyRecipient(m, byApp)) {
        wanted.add(m);
      }
    }
    if (wanted.isEmpty()) {
      return Mono.just(0);
    }
    Instant now = clock.instant();
    return store.insertNew(wanted)
        .flatMap(inserted -> {
          if (inserted.isEmpty()) {
            return Mono.just(0);
          }
          List<NewMessage> fresh = new ArrayList<>(inserted.size());
          List<Long> keys = new ArrayList<>(inserted.size());
          inserted.forEach((index, pk) -> {
            fresh.add(wanted.get(index));
            keys.add(pk);
          });
          FanOut.Plan plan = FanOut.plan(fresh, byApp);
          if (plan.deliveries().isEmpty()) {
            return Mono.just(0);
          }
          return store.advanceSequences(plan.counts())
              .flatMap(last -> store.insertDeliveries(plan.numbered(last), keys, now))
              .thenReturn(plan.deliveries().size());
        });
  }
}
