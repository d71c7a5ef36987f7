package dev.feedlink.connection.connections;

import dev.feedlink.connection.provider.Provider;
import dev.feedlink.connection.provider.Providers;
import dev.feedlink.platform.web.ApiProblem;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Seed 000's {@code GET /connection/context}: a connection's health at a glance, for the connection
 * named by {@code connection_id} (with the app's API token) or by a connection token alone.
 */
@RestController
class ConnectionContextController {

  private final Connections connections;
  private final Providers providers;

  ConnectionContextController(Connections connections, Providers providers) {
    this.connections = connections;
    this.providers = providers;
  }

  @GetMapping("/connection/context")
  Mono<Map<String, Object>> context(
      @RequestParam(name = "connection_id", required = false) UUID connectionId, ServerWebExchange exchange) {
    UUID appId = ConnectionsController.appOf(exchange);
    UUID id =
        connectionId != null
            ? connectionId
            : ConnectionScope.of(exchange)
                .orElseThrow(
                    () -> ApiProblem.invalidField(
                        "connection_id", "name the connection with ?connection_id=, or call with its connection token"));
    ConnectionScope.check(exchange, id);
    return connections
        .find(appId, id)
        .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("connection", id.toString())))
        .flatMap(
            c -> providers
                .find(c.providerId())
                .map(Provider::name)
                .defaultIfEmpty("")
                .map(name -> ConnectionViews.context(c, name)));
  }
}
