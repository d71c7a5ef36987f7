package dev.feedlink.connection.gateway;

import dev.feedlink.connection.app.ApiTokens;
import dev.feedlink.connection.app.Apps;
import dev.feedlink.platform.web.CallerApp;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Authenticates every client request: {@code /admin/**} with the admin token, everything else with
 * an app's API token ({@code Authorization: Bearer ...}). Health, metrics and the API description
 * stay open.
 */
final class ApiTokenAuthentication implements WebFilter, Ordered {

  private final Apps apps;
  private final byte[] adminToken;

  ApiTokenAuthentication(Apps apps, String adminToken) {
    this.apps = apps;
    this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = exchange.getRequest().getPath().pathWithinApplication().value();
    if (isOpen(path)) {
      return chain.filter(exchange);
    }
    String bearer = bearer(exchange);
    if (bearer == null) {
      return refuse(exchange, "send the API token as 'Authorization: Bearer <token>'");
    }
    if (path.startsWith("/admin/")) {
      return MessageDigest.isEqual(adminToken, bearer.getBytes(StandardCharsets.UTF_8))
          ? chain.filter(exchange)
          : refuse(exchange, "the admin token is not valid");
    }
    return apps.appOfToken(ApiTokens.hash(bearer))
        .flatMap(
            appId -> {
              CallerApp.set(exchange, appId.toString());
              return chain.filter(exchange).thenReturn(true);
            })
        .switchIfEmpty(Mono.defer(() -> refuse(exchange, "the API token is not valid or was revoked").thenReturn(false)))
        .then();
  }

  private static boolean isOpen(String path) {
    return path.startsWith("/actuator") || path.startsWith("/v3/api-docs") || path.equals("/openapi.yaml");
  }

  private static String bearer(ServerWebExchange exchange) {
    String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = header.substring(7).strip();
    return token.isEmpty() ? null : token;
  }

  private static Mono<Void> refuse(ServerWebExchange exchange, String detail) {
    exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
    exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    byte[] body =
        ("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"" + detail + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body)));
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 10;
  }
}
