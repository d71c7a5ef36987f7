package dev.feedlink.connection.connections;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.feedlink.connection.connections.domain.Answer;
import dev.feedlink.connection.connections.domain.ConnectionState;
import dev.feedlink.connection.connections.domain.ConnectionStatus;
import dev.feedlink.connection.connections.domain.PageCursor;
import dev.feedlink.connection.connections.domain.PromptType;
import dev.feedlink.connection.connections.domain.SessionKind;
import dev.feedlink.connection.connections.domain.StatusReason;
import dev.feedlink.connection.idempotency.IdempotentRequests;
import dev.feedlink.platform.web.ApiProblem;
import dev.feedlink.platform.web.CallerApp;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Connections: link a provider login, read and list them, answer what they ask, disconnect. */
@RestController
class ConnectionsController {

  /** A provider login; the password is never echoed, logged or stored unsealed. */
  record Credentials(@NotBlank @Size(max = 200) String username, @NotBlank @Size(max = 500) String password) {
    @Override
    public String toString() {
      return "Credentials[username=" + username + ", password=***]";
    }
  }

  record CreateConnection(
      @JsonProperty("provider_id") @NotNull UUID providerId,
      @JsonProperty("user_id") @NotNull UUID userId,
      @NotNull @Valid Credentials credentials,
      @Size(max = 50) List<@NotBlank @Size(max = 100) String> scopes,
      @Size(max = 20) List<@NotBlank @Size(max = 50) String> metrics,
      @JsonProperty("rewind_from") Instant rewindFrom,
      @JsonProperty("rewind_to") Instant rewindTo,
      @JsonProperty("stream_enabled") Boolean streamEnabled) {}

  record UpdateCredentials(@NotNull @Valid Credentials credentials) {}

  record RewindRequest(@JsonProperty("rewind_from") @NotNull Instant rewindFrom, @JsonProperty("rewind_to") Instant rewindTo) {}

  record AnswerRequest(
      @Size(max = 40) String type,
      @Size(max = 256) String answer,
      @Size(max = 100) List<@NotBlank @Size(max = 64) String> accounts) {
    @Override
    public String toString() {
      return "AnswerRequest[type=" + type + "]";
    }
  }

  private final Linking linking;
  private final Disconnecting disconnecting;
  private final Answering answering;
  private final Rewinding rewinding;
  private final Connections connections;
  private final SessionHistory history;
  private final IdempotentRequests idempotent;
  private final ConnectionProperties properties;

  ConnectionsController(
      Linking linking,
      Disconnecting disconnecting,
      Answering answering,
      Rewinding rewinding,
      Connections connections,
      SessionHistory history,
      IdempotentRequests idempotent,
      ConnectionProperties properties) {
    this.linking = linking;
    this.disconnecting = disconnecting;
    this.answering = answering;
    this.rewinding = rewinding;
    this.connections = connections;
    this.history = history;
    this.idempotent = idempotent;
    this.properties = properties;
  }

  /**
   * Links a provider login and starts its first session; the same user, provider and username again
   * repairs the existing connection (200, same id) instead of creating another.
   */
  @PostMapping("/connections")
  Mono<ResponseEntity<Object>> create(
      @Valid @RequestBody CreateConnection body,
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
      ServerWebExchange exchange) {
    UUID appId = appOf(exchange);
    String fingerprint =
        String.join(
            "|", "POST /connections", String.valueOf(body.providerId()), String.valueOf(body.userId()),
            body.credentials().username(), String.valueOf(body.scopes()), String.valueOf(body.metrics()),
            String.valueOf(body.rewindFrom()), String.valueOf(body.rewindTo()), String.valueOf(body.streamEnabled()));
    Linking.LinkRequest request =
        new Linking.LinkRequest(
            appId, body.providerId(), body.userId(), body.credentials().username(), body.credentials().password(),
            body.scopes(), body.metrics(), body.rewindFrom(), body.rewindTo(),
            body.streamEnabled() == null || body.streamEnabled());
    return idempotent.once(
        appId, idempotencyKey, fingerprint,
        () -> linking.link(request).map(linked -> {
          Map<String, Object> response = new LinkedHashMap<>();
          response.put("connection_id", linked.connection().connectionId());
          response.put("connection_token", linked.connectionToken());
          response.put("repaired", linked.repaired());
          response.put("connection", ConnectionViews.entity(linked.connection()));
          return ResponseEntity.status(linked.repaired() ? HttpStatus.OK : HttpStatus.CREATED).body(response);
        }));
  }

  @GetMapping("/connections/{connection_id}")
  Mono<Map<String, Object>> get(@PathVariable("connection_id") UUID connectionId, ServerWebExchange exchange) {
    return find(exchange, connectionId).map(ConnectionViews::entity);
  }

  /** The app's connections in creation order, filtered, a page at a time. */
  @GetMapping("/connections")
  Mono<Map<String, Object>> list(
      @RequestParam(name = "status", required = false) String state,
      @RequestParam(name = "connection_status", required = false) String connectionStatus,
      @RequestParam(name = "reason", required = false) String reason,
      @RequestParam(name = "provider_id", required = false) UUID providerId,
      @RequestParam(name = "user_id", required = false) UUID userId,
      @RequestParam(name = "cursor", required = false) String cursor,
      @RequestParam(name = "limit", required = false) Integer limit,
      ServerWebExchange exchange) {
    UUID appId = appOf(exchange);
    Connections.Filter filter =
        new Connections.Filter(
            oneOf("status", state, names(ConnectionState.values())),
            oneOf("connection_status", connectionStatus, names(ConnectionStatus.values())),
            oneOf("reason", reason, names(StatusReason.values())),
            providerId,
            userId);
    PageCursor after =
        cursor == null
            ? null
            : PageCursor.decode(cursor)
                .orElseThrow(() -> ApiProblem.invalidField("cursor", "cursor is not one this API issued; pass next_cursor as given"));
    int size = limit == null ? properties.defaultPageSize() : limit;
    if (size < 1 || size > properties.maxPageSize()) {
      throw ApiProblem.invalidField("limit", "limit must be between 1 and " + properties.maxPageSize());
    }
    return connections.page(appId, filter, after, size + 1).collectList().map(page -> {
      boolean more = page.size() > size;
      List<dev.feedlink.connection.connections.domain.Connection> shown = more ? page.subList(0, size) : page;
      Map<String, Object> response = new LinkedHashMap<>();
      response.put("connections", shown.stream().map(ConnectionViews::entity).toList());
      var last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
      response.put("next_cursor", more ? new PageCursor(last.createdAt(), last.connectionId()).encode() : null);
      return response;
    });
  }

  /** Disconnects for good: state DISCONNECTED at once, credentials destroyed, streams stopped. */
  @DeleteMapping("/connections/{connection_id}")
  Mono<Map<String, Object>> disconnect(@PathVariable("connection_id") UUID connectionId, ServerWebExchange exchange) {
    return disconnecting.disconnect(appOf(exchange), connectionId).map(ConnectionViews::entity);
  }

  /** New credentials (after a 40101 or a password change): a new session starts at once. */
  @PutMapping("/connections/{connection_id}/credentials")
  Mono<ResponseEntity<Map<String, Object>>> updateCredentials(
      @PathVariable("connection_id") UUID connectionId,
      @Valid @RequestBody UpdateCredentials body,
      ServerWebExchange exchange) {
    return linking
        .updateCredentials(appOf(exchange), connectionId, body.credentials().username(), body.credentials().password())
        .map(c -> ResponseEntity.accepted().body(ConnectionViews.entity(c)));
  }

  /**
   * Fetches a past window again (seed 003's Rewind) with the stored credentials: the records new to
   * the app and those delivered before, counted as overlapping. 409 unless the connection is
   * connected, asks its user nothing and runs no other session.
   */
  @PostMapping("/connections/{connection_id}/rewind")
  Mono<ResponseEntity<Object>> rewind(
      @PathVariable("connection_id") UUID connectionId,
      @Valid @RequestBody RewindRequest body,
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
      ServerWebExchange exchange) {
    UUID appId = appOf(exchange);
    ConnectionScope.check(exchange, connectionId);
    String fingerprint = "POST /connections/" + connectionId + "/rewind|" + body.rewindFrom() + "|" + body.rewindTo();
    return idempotent.once(
        appId, idempotencyKey, fingerprint,
        () -> rewinding.rewind(appId, connectionId, body.rewindFrom(), body.rewindTo()).map(rewind -> {
          Map<String, Object> response = new LinkedHashMap<>();
          response.put("connection_id", connectionId);
          response.put("session_id", rewind.sessionId());
          response.put("kind", SessionKind.REWIND.name());
          response.put("rewind_from", rewind.from());
          response.put("rewind_to", rewind.to());
          response.put("status", "requested");
          response.put("requested_at", rewind.requestedAt());
          return ResponseEntity.accepted().body(response);
        }));
  }

  @GetMapping("/connections/{connection_id}/sessions")
  Mono<Map<String, Object>> sessions(@PathVariable("connection_id") UUID connectionId, ServerWebExchange exchange) {
    return find(exchange, connectionId)
        .flatMap(c -> history.sessions(connectionId).collectList().map(s -> ConnectionViews.sessions(c, s)));
  }

  /** What the connection asks the user now ({@code type} null when nothing). */
  @GetMapping("/connections/{connection_id}/prompt")
  Mono<Map<String, Object>> prompt(@PathVariable("connection_id") UUID connectionId, ServerWebExchange exchange) {
    return find(exchange, connectionId).map(ConnectionViews::prompt);
  }

  /** The user's answer to what the connection asks now. */
  @PostMapping("/connections/{connection_id}/answers")
  Mono<ResponseEntity<Object>> answer(
      @PathVariable("connection_id") UUID connectionId,
      @Valid @RequestBody AnswerRequest body,
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
      ServerWebExchange exchange) {
    UUID appId = appOf(exchange);
    ConnectionScope.check(exchange, connectionId);
    PromptType type =
        body.type() == null
            ? null
            : PromptType.ofApiName(body.type())
                .orElseThrow(() -> ApiProblem.invalidField("type", "unknown question type '" + body.type() + "'", PromptType.apiNames()));
    if (body.answer() == null && body.accounts() == null) {
      throw ApiProblem.invalidField("answer", "send \"answer\" (a code, a method, a security answer, an approval) or \"accounts\"");
    }
    String fingerprint = "POST /connections/" + connectionId + "/answers|" + body.type() + "|" + body.accounts();
    return idempotent.once(
        appId, idempotencyKey, fingerprint,
        () -> answering.answer(appId, connectionId, new Answer(type, body.answer(), body.accounts())).map(asked -> {
          Map<String, Object> response = new LinkedHashMap<>();
          response.put("connection_id", connectionId);
          response.put("session_id", asked.sessionId());
          response.put("answered", asked.type().apiName());
          response.put("status", "sent");
          return ResponseEntity.accepted().body(response);
        }));
  }

  private Mono<dev.feedlink.connection.connections.domain.Connection> find(ServerWebExchange exchange, UUID connectionId) {
    UUID appId = appOf(exchange);
    ConnectionScope.check(exchange, connectionId);
    return connections
        .find(appId, connectionId)
        .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("connection", connectionId.toString())));
  }

  static UUID appOf(ServerWebExchange exchange) {
    return UUID.fromString(CallerApp.require(exchange));
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }

  private static String oneOf(String field, String value, List<String> valid) {
    if (value != null && !valid.contains(value)) {
      throw ApiProblem.invalidField(field, "'" + value + "' is not a valid " + field, valid);
    }
    return value;
  }
}
