package dev.feedlink.connection.gateway;

import dev.feedlink.connection.app.ApiTokens;
import dev.feedlink.connection.app.Apps;
import dev.feedlink.connection.connections.ConnectionScope;
import dev.feedlink.connection.connections.Connections;
import dev.feedlink.platform.web.CallerApp;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;
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
 * an app's API token ({@code Authorization: Bearer fl_...}). A connection token ({@code ct_...},
 * issued once when a connection is linked, for the end user's front end) acts for its app on its
 * one connection, and only to read its context and state and to answer what it asks. Health,
 * metrics and the API description stay open.
 */
final class ApiTokenAuthentication implements WebFilter, Ordered {

  private static final String CONNECTION_TOKEN_PREFIX = "ct_";
  private static final Pattern CONNECTION_READS = Pattern.compile("/connection/context|/connections/[^/]+(/prompt)?");
  private static final Pattern CONNECTION_ANSWERS = Pattern.compile("/connections/[^/]+/answers");

  private final Apps apps;
  private final Connections connections;
  private final byte[] adminToken;

  ApiTokenAuthentication(Apps apps, Connections connections, String adminToken) {
    this.apps = apps;
    this.connections = connections;
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
    if (bearer.startsWith(CONNECTION_TOKEN_PREFIX)) {
      return connectionToken(exchange, chain, path, bearer);
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

  private Mono<Void> connectionToken(ServerWebExchange exchange, WebFilterChain chain, String path, String bearer) {
    return connections
        .tokenOwner(ApiTokens.hash(bearer))
        .flatMap(
            owner -> {
              if (!connectionTokenMayCall(exchange.getRequest().getMethod(), path)) {
                return forbid(exchange).thenReturn(false);
              }
              CallerApp.set(exchange, owner.appId().toString());
              ConnectionScope.set(exchange, owner.connectionId());
              return chain.filter(exchange).thenReturn(true);
            })
        .switchIfEmpty(Mono.defer(() -> refuse(exchange, "the connection token is not valid").thenReturn(false)))
        .then();
  }

  private static boolean connectionTokenMayCall(HttpMethod method, String path) {
    return (HttpMethod.GET.equals(method) && CONNECTION_READS.matcher(path).matches())
        || (HttpMethod.POST.equals(method) && CONNECTION_ANSWERS.matcher(path).matches());
  }

  private static Mono<Void> forbid(ServerWebExchange exchange) {
    exchange.getResponse().setStatusCode(HttpStatus.FORBIDDEN);
    exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    byte[] body =
        ("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"a connection token"
                + " only reads its connection (GET /connection/context, /connections/{id}, /connections/{id}/prompt)"
                + " and answers it (POST /connections/{id}/answers); use the app's API token\"}")
            .getBytes(StandardCharsets.UTF_8);
    return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body)));
  }

  private static boolean isOpen(String path) {
    return path.startsWith("/actuator") || path.startsWith("/v3/api-docs") || path.equals("/openapi.yaml")
        || path.equals("/ping");
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
