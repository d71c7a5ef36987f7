package dev.feedlink.webhook.endpoint;

import dev.feedlink.platform.PlatformProperties;
import dev.feedlink.platform.web.ApiProblem;
import dev.feedlink.platform.web.CallerApp;
import dev.feedlink.webhook.WebhookProperties;
import dev.feedlink.webhook.endpoint.domain.DisableReason;
import dev.feedlink.webhook.endpoint.domain.Endpoint;
import dev.feedlink.webhook.endpoint.domain.EndpointStatus;
import dev.feedlink.webhook.endpoint.domain.EndpointUrl;
import dev.feedlink.webhook.endpoint.domain.EventType;
import dev.feedlink.webhook.endpoint.domain.InvalidEndpointUrl;
import dev.feedlink.webhook.endpoint.domain.SigningSecret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * An app's webhook endpoints, reached through the gateway. Every lookup is scoped to the calling
 * app: another app's endpoint is a 404, never a 403 that would confirm it exists.
 */
@RestController
@RequestMapping("/webhooks")
class EndpointsController {

  static final int MAX_DESCRIPTION = 500;

  /** Event types and description may be omitted: every type, no description. */
  record CreateEndpoint(String url, List<String> eventTypes, String description, Boolean ordered) {}

  /** Only the fields present change; {@code status} is {@code enabled} or {@code disabled}. */
  record UpdateEndpoint(String url, List<String> eventTypes, String description, Boolean ordered, String status) {}

  record RotateSecret(Long gracePeriodSeconds) {}

  record EndpointView(
      UUID endpointId, String url, String description, List<String> eventTypes, boolean ordered, String status,
      String disabledReason, Instant disabledAt, Instant failingSince, Instant createdAt, Instant updatedAt) {

    static EndpointView of(Endpoint e) {
      return new EndpointView(
          e.endpointId(), e.url(), e.description(), e.eventTypes().stream().map(EventType::wireName).sorted().toList(),
          e.ordered(), e.status().wireName(), e.disabledReason() == null ? null : e.disabledReason().wireName(),
          e.disabledAt(), e.failingSince(), e.createdAt(), e.updatedAt());
    }
  }

  /** The endpoint with its secret: the only answer that ever shows it. */
  record CreatedEndpoint(
      UUID endpointId, String url, String description, List<String> eventTypes, boolean ordered, String status,
      Instant createdAt, String secret) {}

  record RotatedSecret(String secret, Instant previousSecretExpiresAt) {}

  record EventTypeView(String name, String description) {}

  private final Endpoints endpoints;
  private final EndpointSecrets secrets;
  private final TargetCheck targets;
  private final WebhookProperties properties;
  private final boolean allowPlainHttp;
  private final Clock clock;

  EndpointsController(
      Endpoints endpoints, EndpointSecrets secrets, TargetCheck targets, WebhookProperties properties,
      PlatformProperties platform, Clock clock) {
    this.endpoints = endpoints;
    this.secrets = secrets;
    this.targets = targets;
    this.properties = properties;
    this.allowPlainHttp = platform.developmentMode();
    this.clock = clock;
  }

  @GetMapping("/event-types")
  List<EventTypeView> eventTypes() {
    return java.util.Arrays.stream(EventType.values()).map(t -> new EventTypeView(t.wireName(), t.description())).toList();
  }

  @PostMapping("/endpoints")
  @ResponseStatus(HttpStatus.CREATED)
  Mono<CreatedEndpoint> create(@RequestBody CreateEndpoint request, ServerWebExchange exchange) {
    String appId = CallerApp.require(exchange);
    EndpointUrl url = url(request.url());
    Set<EventType> types = eventTypes(request.eventTypes());
    String description = description(request.description());
    return endpoints
        .count(appId)
        .flatMap(
            count -> count >= properties.endpointsPerApp()
                ? Mono.error(ApiProblem.conflict("an app has at most " + properties.endpointsPerApp() + " endpoints"))
                : targets.check(url))
        .flatMap(
            checked -> {
              Instant now = clock.instant();
              UUID id = UUID.randomUUID();
              SigningSecret secret = secrets.generate();
              Endpoint endpoint =
                  new Endpoint(id, appId, checked.toString(), description, types, Boolean.TRUE.equals(request.ordered()),
                      EndpointStatus.ENABLED, null, null, null, now, now, 1);
              return endpoints
                  .create(endpoint, secrets.seal(id, secret))
                  .map(e -> new CreatedEndpoint(e.endpointId(), e.url(), e.description(),
                      EndpointView.of(e).eventTypes(), e.ordered(), e.status().wireName(), e.createdAt(),
                      secret.serialized()));
            });
  }

  @GetMapping("/endpoints")
  Mono<List<EndpointView>> list(ServerWebExchange exchange) {
    return endpoints.list(CallerApp.require(exchange)).map(EndpointView::of).collectList();
  }

  @GetMapping("/endpoints/{endpointId}")
  Mono<EndpointView> get(@PathVariable UUID endpointId, ServerWebExchange exchange) {
    return owned(CallerApp.require(exchange), endpointId).map(EndpointView::of);
  }

  @PatchMapping("/endpoints/{endpointId}")
  Mono<EndpointView> update(@PathVariable UUID endpointId, @RequestBody UpdateEndpoint request, ServerWebExchange exchange) {
    String appId = CallerApp.require(exchange);
    EndpointUrl url = request.url() == null ? null : url(request.url());
    Set<EventType> types = request.eventTypes() == null ? null : eventTypes(request.eventTypes());
    String description = request.description() == null ? null : description(request.description());
    EndpointStatus status = request.status() == null ? null : status(request.status());
    Mono<EndpointUrl> checkedUrl = url == null ? Mono.empty() : targets.check(url);
    return owned(appId, endpointId)
        .flatMap(
            current -> checkedUrl.map(EndpointUrl::toString).defaultIfEmpty(current.url()).flatMap(
                newUrl -> {
                  Instant now = clock.instant();
                  Endpoint changed =
                      new Endpoint(current.endpointId(), appId, newUrl,
                          description == null ? current.description() : description,
                          types == null ? current.eventTypes() : types,
                          request.ordered() == null ? current.ordered() : request.ordered(),
                          current.status(), current.disabledReason(), current.disabledAt(), current.failingSince(),
                          current.createdAt(), now, current.secretVersion());
                  return endpoints.update(changed).flatMap(saved -> applyStatus(appId, saved, status, now));
                }))
        .map(EndpointView::of);
  }

  private Mono<Endpoint> applyStatus(String appId, Endpoint endpoint, EndpointStatus wanted, Instant now) {
    if (wanted == null || wanted == endpoint.status()) {
      return Mono.just(endpoint);
    }
    if (wanted == EndpointStatus.ENABLED) {
      return endpoints.enable(appId, endpoint.endpointId(), now);
    }
    return endpoints
        .disable(endpoint.endpointId(), DisableReason.MANUAL, now)
        .then(owned(appId, endpoint.endpointId()));
  }

  @DeleteMapping("/endpoints/{endpointId}")
  Mono<ResponseEntity<Void>> delete(@PathVariable UUID endpointId, ServerWebExchange exchange) {
    return endpoints
        .delete(CallerApp.require(exchange), endpointId, clock.instant())
        .flatMap(deleted -> deleted
            ? Mono.just(ResponseEntity.noContent().<Void>build())
            : Mono.error(ApiProblem.notFound("endpoint", endpointId.toString())));
  }

  /**
   * Issues a new secret; the old one keeps signing (both signatures are sent) for the grace
   * period, so receivers can switch without rejecting a single webhook.
   */
  @PostMapping("/endpoints/{endpointId}/secret/rotate")
  Mono<RotatedSecret> rotate(
      @PathVariable UUID endpointId, @RequestBody(required = false) RotateSecret request, ServerWebExchange exchange) {
    Duration grace = gracePeriod(request);
    return owned(CallerApp.require(exchange), endpointId)
        .flatMap(
            endpoint -> {
              Instant now = clock.instant();
              SigningSecret secret = secrets.generate();
              Instant previousExpires = now.plus(grace);
              return endpoints
                  .rotateSecret(endpointId, secrets.seal(endpointId, secret), now, previousExpires)
                  .thenReturn(new RotatedSecret(secret.serialized(), previousExpires));
            });
  }

  private Mono<Endpoint> owned(String appId, UUID endpointId) {
    return endpoints
        .find(appId, endpointId)
        .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("endpoint", endpointId.toString())));
  }

  private Duration gracePeriod(RotateSecret request) {
    if (request == null || request.gracePeriodSeconds() == null) {
      return properties.secretGracePeriod();
    }
    long seconds = request.gracePeriodSeconds();
    long max = properties.secretGracePeriodMax().toSeconds();
    if (seconds < 0 || seconds > max) {
      throw ApiProblem.invalidField(
          "grace_period_seconds", "grace_period_seconds: must be between 0 and " + max);
    }
    return Duration.ofSeconds(seconds);
  }

  private EndpointUrl url(String text) {
    try {
      return EndpointUrl.parse(text, allowPlainHttp);
    } catch (InvalidEndpointUrl e) {
      throw ApiProblem.invalidField("url", "url: " + e.getMessage());
    }
  }

  private static Set<EventType> eventTypes(List<String> names) {
    if (names == null) {
      return Set.of();
    }
    Set<EventType> types = new HashSet<>();
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      EventType type = name == null ? null : EventType.fromWire(name.strip()).orElse(null);
      if (type == null) {
        throw ApiProblem.invalidField(
            "event_types[" + i + "]", "event_types[" + i + "]: '" + name + "' is not an event type", EventType.wireNames());
      }
      types.add(type);
    }
    return types;
  }

  private static String description(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.length() > MAX_DESCRIPTION) {
      throw ApiProblem.invalidField("description", "description: must be at most " + MAX_DESCRIPTION + " characters");
    }
    return text.strip();
  }

  private static EndpointStatus status(String text) {
    List<String> valid = List.of(EndpointStatus.ENABLED.wireName(), EndpointStatus.DISABLED.wireName());
    if (!valid.contains(text)) {
      throw ApiProblem.invalidField("status", "status: '" + text + "' is not a status an app can set", valid);
    }
    return EndpointStatus.fromWire(text);
  }
}
