package dev.feedlink.pipeline.provider;

import io.netty.channel.ChannelOption;
import java.net.ConnectException;
import java.net.URI;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.PrematureCloseException;
import reactor.util.retry.Retry;

/**
 * HTTP to providers: every request bounded by a connect and a response timeout; a 5xx answer or a
 * refused connection retried with exponential backoff and jitter (Reactor's {@link Retry}); what
 * is still failing after that becomes {@link ProviderUnavailableException}. A slow answer is not
 * retried: another wait as long would not help this session.
 */
public final class ProviderHttp {

  /** A response that is not a server error: the connector decides what it means. */
  public record Response(int status, HttpHeaders headers, byte[] body) {

    public boolean is2xx() {
      return status >= 200 && status < 300;
    }
  }

  /** The provider could not be reached or kept failing. */
  public static final class ProviderUnavailableException extends RuntimeException {
    public ProviderUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final class ServerError extends RuntimeException {
    final int status;

    ServerError(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  private final WebClient web;
  private final ConnectorProperties properties;

  public ProviderHttp(WebClient.Builder builder, ConnectorProperties properties) {
    this.properties = properties;
    HttpClient http = HttpClient.create()
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
        .responseTimeout(properties.responseTimeout());
    int maxBytes = (int) Math.min(Integer.MAX_VALUE, properties.maxDocumentSize().toBytes());
    this.web = builder.clone()
        .clientConnector(new ReactorClientHttpConnector(http))
        .exchangeStrategies(ExchangeStrategies.builder().codecs(c -> c.defaultCodecs().maxInMemorySize(maxBytes)).build())
        .build();
  }

  public WebClient web() {
    return web;
  }

  /**
   * Sends a request built from the client and reads the whole answer. Errors are {@link
   * ProviderUnavailableException} only.
   */
  public Mono<Response> send(String what, URI target, Function<WebClient, WebClient.RequestHeadersSpec<?>> request) {
    return Mono.defer(() -> request.apply(web).exchangeToMono(this::read))
        .timeout(properties.responseTimeout().plusSeconds(5))
        .retryWhen(Retry.backoff(properties.maxRetries(), properties.firstBackoff())
            .maxBackoff(properties.maxBackoff())
            .jitter(0.5)
            .filter(ProviderHttp::worthRetrying)
            .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
        .onErrorMap(e -> !(e instanceof ProviderUnavailableException), e -> unavailable(what, target, e));
  }

  private Mono<Response> read(ClientResponse response) {
    int status = response.statusCode().value();
    HttpHeaders headers = response.headers().asHttpHeaders();
    return response.bodyToMono(byte[].class)
        .defaultIfEmpty(new byte[0])
        .flatMap(body -> status >= 500
            ? Mono.error(new ServerError(status, "answered " + status))
            : Mono.just(new Response(status, headers, body)));
  }

  private static boolean worthRetrying(Throwable e) {
    if (e instanceof ServerError) {
      return true;
    }
    Throwable cause = e instanceof WebClientRequestException ? e.getCause() : e;
    return cause instanceof ConnectException || cause instanceof PrematureCloseException;
  }

  private static ProviderUnavailableException unavailable(String what, URI target, Throwable e) {
    Throwable cause = Exceptions.unwrap(e);
    String reason;
    if (cause instanceof ServerError server) {
      reason = "answered " + server.status + " after retries";
    } else if (cause instanceof TimeoutException || isReadTimeout(cause)) {
      reason = "did not answer in time";
    } else if (cause instanceof WebClientRequestException request) {
      reason = "could not be reached (" + rootMessage(request) + ")";
    } else {
      reason = "failed (" + rootMessage(cause) + ")";
    }
    return new ProviderUnavailableException(what + " at " + target.getHost() + ":" + target.getPort() + " " + reason, cause);
  }

  private static boolean isReadTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof io.netty.handler.timeout.ReadTimeoutException || t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
