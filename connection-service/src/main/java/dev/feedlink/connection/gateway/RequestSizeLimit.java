package dev.feedlink.connection.gateway;

import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Bounds request bodies: a declared length over the limit is refused before anything is read; a
 * chunked body is cut off by the codecs at the same limit (both answer 413).
 */
final class RequestSizeLimit implements WebFilter, WebFluxConfigurer, Ordered {

  private final DataSize limit;

  RequestSizeLimit(DataSize limit) {
    this.limit = limit;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    long declared = exchange.getRequest().getHeaders().getContentLength();
    if (declared <= limit.toBytes()) {
      return chain.filter(exchange);
    }
    exchange.getResponse().setStatusCode(HttpStatus.CONTENT_TOO_LARGE);
    exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    byte[] body =
        ("{\"type\":\"about:blank\",\"title\":\"Request body too large\",\"status\":413,\"detail\":\"the body is "
                + declared + " bytes; at most " + limit.toBytes() + " are accepted\"}")
            .getBytes(StandardCharsets.UTF_8);
    return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body)));
  }

  @Override
  public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
    configurer.defaultCodecs().maxInMemorySize((int) limit.toBytes());
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
