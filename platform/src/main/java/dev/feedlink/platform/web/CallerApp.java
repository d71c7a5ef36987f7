package dev.feedlink.platform.web;

import java.util.Optional;
import org.springframework.web.server.ServerWebExchange;

/**
 * The app a request acts for. The gateway authenticates the client's API token and forwards the app
 * id in {@link #APP_ID_HEADER}, together with the internal token that proves the request came through
 * the gateway ({@link InternalCallerFilter} checks it).
 */
public final class CallerApp {

  public static final String APP_ID_HEADER = "X-Feedlink-App-Id";
  public static final String INTERNAL_TOKEN_HEADER = "X-Feedlink-Internal-Token";
  static final String ATTRIBUTE = CallerApp.class.getName();

  private CallerApp() {}

  /** The calling app's id; a 401 problem when the request carries none. */
  public static String require(ServerWebExchange exchange) {
    String appId = exchange.getAttribute(ATTRIBUTE);
    if (appId == null) {
      throw ApiProblem.unauthorized("this endpoint is reached through the gateway with an API token");
    }
    return appId;
  }

  /** The calling app's id, if the request acts for one. */
  public static Optional<String> find(ServerWebExchange exchange) {
    return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
  }

  public static void set(ServerWebExchange exchange, String appId) {
    exchange.getAttributes().put(ATTRIBUTE, appId);
  }
}
