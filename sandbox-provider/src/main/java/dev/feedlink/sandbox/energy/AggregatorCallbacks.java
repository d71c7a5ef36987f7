package dev.feedlink.sandbox.energy;

import dev.feedlink.sandbox.control.domain.SandboxSettings;
import dev.feedlink.sandbox.domain.ResettableState;
import dev.feedlink.sandbox.login.domain.Grant;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * {@code user_webhook}: the sandbox plays an aggregator that prepares data asynchronously. The first
 * data request of a login starts the preparation; after {@code webhook_delay} of real time the data
 * is ready and served, and the sandbox then POSTs {@code {"subscription_id", "status": "ready"}} to
 * the login's {@code callback_url}. Until then data requests answer 202. Ready comes first so that a
 * client fetching while it handles the callback gets the data, as a well-behaved aggregator's would.
 */
@Component
class AggregatorCallbacks implements ResettableState {

  private static final Logger log = LoggerFactory.getLogger(AggregatorCallbacks.class);

  private enum State { PREPARING, READY }

  private final Map<String, State> byToken = new ConcurrentHashMap<>();
  private final SandboxSettings settings;
  private final WebClient http;

  AggregatorCallbacks(SandboxSettings settings) {
    this.settings = settings;
    this.http = WebClient.create();
  }

  /** Whether the grant's data is ready; the first call starts preparing it. */
  boolean ready(Grant grant) {
    State state = byToken.putIfAbsent(grant.accessToken(), State.PREPARING);
    if (state == null) {
      prepare(grant);
      return false;
    }
    return state == State.READY;
  }

  private void prepare(Grant grant) {
    Duration delay = settings.current().webhookDelay();
    Mono.delay(delay)
        .doOnNext(tick -> byToken.replace(grant.accessToken(), State.READY))
        .then(callback(grant))
        .subscribe();
  }

  private Mono<Void> callback(Grant grant) {
    String url = grant.attempt().callbackUrl();
    if (url == null) {
      return Mono.empty();
    }
    return http.post()
        .uri(url)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("subscription_id", grant.login().subscriptionId(), "status", "ready"))
        .retrieve()
        .toBodilessEntity()
        .timeout(Duration.ofSeconds(5))
        .retryWhen(Retry.backoff(2, Duration.ofMillis(300)))
        .doOnSuccess(r -> log.info("called back {} for subscription {}", url, grant.login().subscriptionId()))
        .onErrorResume(e -> {
          log.warn("callback to {} failed: {}; the data is ready anyway", url, e.toString());
          return Mono.empty();
        })
        .then();
  }

  @Override
  public void reset() {
    byToken.clear();
  }
}
