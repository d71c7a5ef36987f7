package dev.feedlink.connection.gateway;

import dev.feedlink.platform.web.CallerApp;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * On every forwarded request: drops identity headers a client may have forged, and adds the
 * authenticated app id with the internal token that the services behind the gateway require.
 */
final class ForwardCallerIdentity implements GlobalFilter, Ordered {

  private final String internalToken;

  ForwardCallerIdentity(String internalToken) {
    this.internalToken = internalToken;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    // None on the open routes (the services' API descriptions): they act for no app.
    Optional<String> appId = CallerApp.find(exchange);
    ServerWebExchange forwarded =
        exchange
            .mutate()
            .request(
                request ->
                    request.headers(
                        headers -> {
                          headers.remove(CallerApp.APP_ID_HEADER);
                          headers.remove(CallerApp.INTERNAL_TOKEN_HEADER);
                          appId.ifPresent(app -> headers.set(CallerApp.APP_ID_HEADER, app));
                          headers.set(CallerApp.INTERNAL_TOKEN_HEADER, internalToken);
                        }))
            .build();
    return chain.filter(forwarded);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
