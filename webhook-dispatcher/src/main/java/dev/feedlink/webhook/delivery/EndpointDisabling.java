package dev.feedlink.webhook.delivery;

import dev.feedlink.webhook.endpoint.Endpoints;
import dev.feedlink.webhook.endpoint.domain.DisableReason;
import dev.feedlink.webhook.endpoint.domain.Endpoint;
import dev.feedlink.webhook.endpoint.domain.EventType;
import dev.feedlink.webhook.message.MessageIngest;
import dev.feedlink.webhook.message.Payloads;
import dev.feedlink.webhook.message.domain.NewMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Disables an endpoint the dispatcher gave up on (410 Gone, or failing too long) and tells its app,
 * all in one transaction: the endpoint stops, its pending deliveries become dead letters the app
 * can replay once it is fixed, and an {@code endpoint.disabled} webhook goes to the app's other
 * endpoints that want it. Also a warning in the log and the
 * {@code feedlink_webhooks_endpoints_disabled_total} metric, for operators.
 */
final class EndpointDisabling {

  private static final Logger log = LoggerFactory.getLogger(EndpointDisabling.class);

  private final Endpoints endpoints;
  private final MessageIngest ingest;
  private final TransactionalOperator tx;
  private final Clock clock;
  private final DeliveryMetrics metrics;
  private final DeliverySignal signal;

  EndpointDisabling(
      Endpoints endpoints, MessageIngest ingest, TransactionalOperator tx, Clock clock, DeliveryMetrics metrics,
      DeliverySignal signal) {
    this.endpoints = endpoints;
    this.ingest = ingest;
    this.tx = tx;
    this.clock = clock;
    this.metrics = metrics;
    this.signal = signal;
  }

  /** Emits whether this call disabled it (false when it already was, or another instance did). */
  Mono<Boolean> disable(UUID endpointId, DisableReason reason) {
    Instant now = clock.instant();
    Mono<Endpoint> work =
        endpoints.disable(endpointId, reason, now)
            .flatMap(was -> ingest.ingestInCurrentTransaction(List.of(notice(was, reason, now))).thenReturn(was));
    return tx.transactional(work)
        .doOnNext(was -> {
          log.warn("webhook endpoint {} of app {} ({}) disabled: {}{}", was.endpointId(), was.appId(), was.url(),
              reason.wireName(), was.failingSince() == null ? "" : ", failing since " + was.failingSince());
          metrics.endpointDisabled(reason);
          signal.signal();
        })
        .hasElement();
  }

  private static NewMessage notice(Endpoint was, DisableReason reason, Instant now) {
    String payload = Payloads.object(g -> {
      g.writeStringProperty("endpoint_id", was.endpointId().toString());
      g.writeStringProperty("url", was.url());
      g.writeStringProperty("reason", reason.wireName());
      g.writeStringProperty("failing_since", was.failingSince() == null ? null : was.failingSince().toString());
      g.writeStringProperty("disabled_at", now.toString());
    });
    return new NewMessage(
        "endpoint-disabled:" + was.endpointId() + ":" + now.toEpochMilli(), was.appId(), EventType.ENDPOINT_DISABLED,
        null, payload, now);
  }
}
