package dev.feedlink.pipeline.session;

import dev.feedlink.platform.web.InternalCallerFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The platform's rule that requests come through the gateway with the internal token, except for
 * providers' callbacks, which carry their session's own secret instead (a provider must never hold
 * the internal token).
 */
final class GatewayOrProviderFilter implements WebFilter, Ordered {

  private final InternalCallerFilter gateway;

  GatewayOrProviderFilter(InternalCallerFilter gateway) {
    this.gateway = gateway;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = exchange.getRequest().getPath().pathWithinApplication().value();
    return path.startsWith(CallbackUrls.PATH) ? chain.filter(exchange) : gateway.filter(exchange, chain);
  }

  @Override
  public int getOrder() {
    return gateway.getOrder();
  }
}
