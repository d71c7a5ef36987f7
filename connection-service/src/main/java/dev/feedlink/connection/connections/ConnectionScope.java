package dev.feedlink.connection.connections;

import dev.feedlink.platform.web.ApiProblem;
import java.util.Optional;
import java.util.UUID;
import org.springframework.web.server.ServerWebExchange;

/**
 * The connection a connection-scoped token was issued for. Such a token (for an end user's front
 * end) acts for its app on that one connection only.
 */
public final class ConnectionScope {

  private static final String ATTRIBUTE = ConnectionScope.class.getName();

  private ConnectionScope() {}

  public static void set(ServerWebExchange exchange, UUID connectionId) {
    exchange.getAttributes().put(ATTRIBUTE, connectionId);
  }

  public static Optional<UUID> of(ServerWebExchange exchange) {
    return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
  }

  /** A connection token reaches only its own connection: any other is as absent as an unknown one. */
  static void check(ServerWebExchange exchange, UUID connectionId) {
    of(exchange)
        .filter(scoped -> !scoped.equals(connectionId))
        .ifPresent(
            scoped -> {
              throw ApiProblem.notFound("connection", connectionId.toString());
            });
  }
}
