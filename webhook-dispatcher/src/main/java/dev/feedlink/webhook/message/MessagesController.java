package dev.feedlink.webhook.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.feedlink.platform.web.ApiProblem;
import dev.feedlink.platform.web.CallerApp;
import dev.feedlink.webhook.endpoint.Endpoints;
import dev.feedlink.webhook.endpoint.domain.EventType;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What happened to an app's webhooks: messages with their deliveries, every attempt, the dead
 * letters, and replays (one message, or everything that failed since a time) under the original
 * webhook-id so receivers still deduplicate.
 */
@RestController
@RequestMapping("/webhooks")
class MessagesController {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;
  static final List<String> STATES = List.of("pending", "delivered", "failed");

  record DeliveryView(
      UUID endpointId, String state, Long sequence, int attempts, Instant nextAttemptAt, Instant lastAttemptAt,
      Integer lastStatusCode, String lastError, String failureReason, Instant finishedAt) {

    static DeliveryView of(MessageLog.Delivery d) {
      return new DeliveryView(d.endpointId(), d.state(), d.sequence(), d.attempts(),
          d.state().equals("pending") ? d.nextAttemptAt() : null, d.lastAttemptAt(), d.lastStatusCode(), d.lastError(),
          d.failureReason(), d.finishedAt());
    }
  }

  record MessageView(
      String messageId, String eventType, String connectionId, Instant createdAt, String status,
      List<DeliveryView> deliveries, @JsonRawValue @JsonInclude(JsonInclude.Include.NON_NULL) String payload) {

    static MessageView of(MessageLog.Message m) {
      List<String> states = m.deliveries().stream().map(MessageLog.Delivery::state).toList();
      String status = states.contains("pending") ? "pending" : states.contains("failed") ? "failed" : "delivered";
      return new MessageView(m.messageId(), m.eventType(), m.connectionId(), m.createdAt(), status,
          m.deliveries().stream().map(DeliveryView::of).toList(), m.payload());
    }
  }

  record Page<T>(List<T> data, String nextCursor) {}

  record AttemptView(
      long attemptId, UUID endpointId, Instant attemptedAt, String outcome, Integer statusCode, long latencyMs,
      String responseExcerpt, String error, String trigger, Instant nextAttemptAt) {}

  record DeadLetterView(
      String messageId, String eventType, String connectionId, UUID endpointId, Long sequence, String failureReason,
      int attempts, Integer lastStatusCode, String lastError, Instant failedAt, Instant createdAt) {}

  record ReplayOne(UUID endpointId) {}

  record ReplayFailed(String since, UUID endpointId) {}

  record Replayed(int replayed) {}

  private final MessageLog log;
  private final Endpoints endpoints;
  private final Clock clock;

  MessagesController(MessageLog log, Endpoints endpoints, Clock clock) {
    this.log = log;
    this.endpoints = endpoints;
    this.clock = clock;
  }

  @GetMapping("/messages")
  Mono<Page<MessageView>> messages(
      @RequestParam(name = "event_type", required = false) String eventType,
      @RequestParam(name = "connection_id", required = false) String connectionId,
      @RequestParam(required = false) String since,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit,
      ServerWebExchange exchange) {
    String appId = CallerApp.require(exchange);
    if (eventType != null && EventType.fromWire(eventType).isEmpty()) {
      throw ApiProblem.invalidField("event_type", "event_type: '" + eventType + "' is not an event type", EventType.wireNames());
    }
    if (status != null && !STATES.contains(status)) {
      throw ApiProblem.invalidField("status", "status: '" + status + "' is not a delivery state", STATES);
    }
    int size = limit(limit);
    MessageLog.Filter filter =
        new MessageLog.Filter(eventType, connectionId, since == null ? null : instant("since", since), status, cursor(cursor), size);
    return log.messages(appId, filter).map(list -> new Page<>(
        list.stream().map(MessageView::of).toList(),
        list.size() < size ? null : String.valueOf(list.get(list.size() - 1).key())));
  }

  @GetMapping("/messages/{messageId}")
  Mono<MessageView> message(@PathVariable String messageId, ServerWebExchange exchange) {
    return log.message(CallerApp.require(exchange), messageId)
        .flatMap(found -> found.map(m -> Mono.just(MessageView.of(m)))
            .orElseGet(() -> Mono.error(ApiProblem.notFound("message", messageId))));
  }

  @GetMapping("/messages/{messageId}/attempts")
  Mono<List<AttemptView>> attempts(@PathVariable String messageId, ServerWebExchange exchange) {
    String appId = CallerApp.require(exchange);
    return existing(appId, messageId)
        .then(log.attempts(appId, messageId))
        .map(list -> list.stream().map(a -> new AttemptView(a.attemptId(), a.endpointId(), a.attemptedAt(), a.outcome(),
            a.statusCode(), a.latencyMs(), a.responseExcerpt(), a.error(), a.trigger(), a.nextAttemptAt())).toList());
  }

  @GetMapping("/dead-letters")
  Mono<Page<DeadLetterView>> deadLetters(
      @RequestParam(name = "endpoint_id", required = false) UUID endpointId,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit,
      ServerWebExchange exchange) {
    int size = limit(limit);
    return log.deadLetters(CallerApp.require(exchange), endpointId, cursor(cursor), size).map(list -> new Page<>(
        list.stream().map(d -> new DeadLetterView(d.messageId(), d.eventType(), d.connectionId(), d.delivery().endpointId(),
            d.delivery().sequence(), d.delivery().failureReason(), d.delivery().attempts(), d.delivery().lastStatusCode(),
            d.delivery().lastError(), d.delivery().finishedAt(), d.createdAt())).toList(),
        list.size() < size ? null : String.valueOf(list.get(list.size() - 1).key())));
  }

  /** Sends one message again to its enabled endpoints, or to the one named. */
  @PostMapping("/messages/{messageId}/replay")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Mono<Replayed> replay(
      @PathVariable String messageId, @RequestBody(required = false) ReplayOne request, ServerWebExchange exchange) {
    String appId = CallerApp.require(exchange);
    UUID endpointId = request == null ? null : request.endpointId();
    Mono<Void> endpointUsable =
        endpointId == null
            ? Mono.empty()
            : endpoints.find(appId, endpointId)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("endpoint", endpointId.toString())))
                .flatMap(e -> e.enabled()
                    ? Mono.<Void>empty()
                    : Mono.error(ApiProblem.conflict("endpoint " + endpointId + " is disabled; enable it first")));
    return existing(appId, messageId)
        .then(endpointUsable)
        .then(log.replay(appId, messageId, endpointId, clock.instant()))
        .map(Replayed::new);
  }

  /** Sends again every delivery that failed (dead letters) since a time. */
  @PostMapping("/replay")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Mono<Replayed> replayFailed(@RequestBody ReplayFailed request, ServerWebExchange exchange) {
    String appId = CallerApp.require(exchange);
    if (request == null || request.since() == null) {
      throw ApiProblem.invalidField("since", "since: required, e.g. \"2024-12-15T00:00:00Z\"");
    }
    Instant since = instant("since", request.since());
    return log.replayFailed(appId, since, request.endpointId(), clock.instant()).map(Replayed::new);
  }

  private Mono<Void> existing(String appId, String messageId) {
    return log.message(appId, messageId)
        .flatMap(found -> found.isPresent() ? Mono.<Void>empty() : Mono.error(ApiProblem.notFound("message", messageId)));
  }

  private static int limit(Integer limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiProblem.invalidField("limit", "limit: must be between 1 and " + MAX_LIMIT);
    }
    return limit;
  }

  private static Long cursor(String cursor) {
    if (cursor == null) {
      return null;
    }
    try {
      return Long.parseLong(cursor);
    } catch (NumberFormatException e) {
      throw ApiProblem.invalidField("cursor", "cursor: use the next_cursor of the previous page");
    }
  }

  private static Instant instant(String field, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiProblem.invalidField(field, field + ": '" + text + "' is not an RFC 3339 UTC time such as 2024-12-15T00:00:00Z");
    }
  }
}
