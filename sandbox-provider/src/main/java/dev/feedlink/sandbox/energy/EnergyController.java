package dev.feedlink.sandbox.energy;

import dev.feedlink.sandbox.domain.Provider;
import dev.feedlink.sandbox.login.domain.Behaviour;
import dev.feedlink.sandbox.login.domain.Grant;
import dev.feedlink.sandbox.login.domain.ProviderAccount;
import dev.feedlink.sandbox.login.domain.TestLogin;
import dev.feedlink.sandbox.provider.ProviderAnswers;
import dev.feedlink.sandbox.provider.ProviderGate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Sandbox Energy's Green Button data: the subscription batch, whole or for one usage point. */
@RestController
public class EnergyController {

  static final MediaType ATOM_XML = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");
  private static final String BATCH = "/utility/espi/1_1/resource/Batch/Subscription/{subscriptionId}";

  private final ProviderGate gate;
  private final UtilityMeters meters;
  private final AggregatorCallbacks callbacks;
  private final SampleDeliveries samples;
  private final Clock clock;

  EnergyController(ProviderGate gate, UtilityMeters meters, AggregatorCallbacks callbacks, SampleDeliveries samples, Clock clock) {
    this.gate = gate;
    this.meters = meters;
    this.callbacks = callbacks;
    this.samples = samples;
    this.clock = clock;
  }

  @GetMapping(BATCH)
  Mono<ResponseEntity<Object>> subscription(
      @PathVariable String subscriptionId,
      @RequestParam(name = "published-min", required = false) String min,
      @RequestParam(name = "published-max", required = false) String max,
      ServerHttpRequest request) {
    return gate.data(Provider.UTILITY, request, grant -> feed(grant, subscriptionId, null, min, max, request));
  }

  @GetMapping(BATCH + "/UsagePoint/{usagePointId}")
  Mono<ResponseEntity<Object>> usagePoint(
      @PathVariable String subscriptionId,
      @PathVariable String usagePointId,
      @RequestParam(name = "published-min", required = false) String min,
      @RequestParam(name = "published-max", required = false) String max,
      ServerHttpRequest request) {
    return gate.data(Provider.UTILITY, request, grant -> feed(grant, subscriptionId, usagePointId, min, max, request));
  }

  private Mono<ResponseEntity<Object>> feed(
      Grant grant, String subscriptionId, String usagePointId, String min, String max, ServerHttpRequest request) {
    TestLogin login = grant.login();
    if (!subscriptionId.equals(login.subscriptionId())) {
      return Mono.just(ProviderAnswers.error(HttpStatus.NOT_FOUND, "unknown_subscription", "this token has no subscription " + subscriptionId));
    }
    List<ProviderAccount> accounts =
        usagePointId == null ? grant.accounts() : grant.accounts().stream().filter(a -> a.number().equals(usagePointId)).toList();
    if (accounts.isEmpty()) {
      return Mono.just(ProviderAnswers.error(HttpStatus.NOT_FOUND, "unknown_usage_point", "this token has no usage point " + usagePointId));
    }
    Instant now = clock.instant();
    PublishedWindow window;
    try {
      window = PublishedWindow.parse(min, max, now);
    } catch (IllegalArgumentException e) {
      return Mono.just(ProviderAnswers.invalidRequest(e.getMessage()));
    }
    switch (login.behaviour()) {
      case SAMPLE -> {
        return Mono.just(atom(samples.next(grant)));
      }
      case WEBHOOK -> {
        if (!callbacks.ready(grant)) {
          return Mono.just(ProviderAnswers.json(HttpStatus.ACCEPTED).body(Map.of("status", "pending")));
        }
      }
      default -> {
        // generated data, below
      }
    }
    String self = request.getURI().getRawPath() + (request.getURI().getRawQuery() == null ? "" : "?" + request.getURI().getRawQuery());
    boolean malformed = login.behaviour() == Behaviour.MALFORMED;
    return Mono.fromCallable(
            () -> {
              byte[] xml =
                  new GreenButtonWriter(login.subscriptionId(), login.customerId())
                      .write(self, window.key(now), meters.feeds(login, accounts, grant.firstLogin(), window.min(), window.max(), now));
              return atom(malformed ? truncated(xml) : xml);
            })
        // Months of readings are CPU work: keep it off the event loop that serves the other requests.
        .subscribeOn(Schedulers.parallel());
  }

  /** A document cut off two thirds of the way through: no parser accepts it. */
  static byte[] truncated(byte[] xml) {
    return Arrays.copyOf(xml, xml.length * 2 / 3);
  }

  private static ResponseEntity<Object> atom(byte[] xml) {
    return ResponseEntity.ok().contentType(ATOM_XML).body(xml);
  }
}
