package dev.feedlink.platform.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * For services behind the gateway: accepts a request only when it carries the internal token, and
 * records the app id the gateway forwarded. Actuator endpoints stay open for health checks and
 * scraping.
 */
public final class InternalCallerFilter implements WebFilter, Ordered {

  private final byte[] token;

  public InternalCallerFilter(String internalToken) {
    this.token = internalToken.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = exchange.getRequest().getPath().pathWithinApplication().value();
    if (path.startsWith("/actuator")) {
      return chain.filter(exchange);
    }
    String presented = exchange.getRequest().getHeaders().getFirst(CallerApp.INTERNAL_TOKEN_HEADER);
    if (presented == null
        || !MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
      exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
      exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
      byte[] body =
          ("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                  + "\"detail\":\"this service is reached through the gateway\"}")
              .getBytes(StandardCharsets.UTF_8);
      return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body)));
    }
    String appId = exchange.getRequest().getHeaders().getFirst(CallerApp.APP_ID_HEADER);
    if (appId != null && !appId.isBlank()) {
      CallerApp.set(exchange, appId);
    }
    return chain.filter(exchange);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 10;
  }
}
