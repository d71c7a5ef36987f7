package dev.feedlink.webhook.delivery;

import dev.feedlink.webhook.delivery.domain.AttemptOutcome;
import dev.feedlink.webhook.delivery.domain.RetryAfter;
import dev.feedlink.webhook.endpoint.domain.TargetAddresses;
import dev.feedlink.webhook.endpoint.domain.TargetRefusedException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.NetUtil;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Sends one webhook request and says what came of it, as an {@link AttemptOutcome}; it never
 * fails. Connections are pooled and kept alive per host; a connection and the whole exchange are
 * time-limited; redirects are not followed; no more of a response body than the limit is read;
 * every address connected to passes {@link TargetAddresses}.
 */
public final class WebhookHttpClient implements AutoCloseable {

  static final String USER_AGENT = "Feedlink-Webhooks/1.0";

  private final HttpClient client;
  private final ConnectionProvider connections;
  private final LoopResources loops;
  private final ExecutorService lookups;
  private final TargetAddresses addresses;
  private final Duration requestTimeout;
  private final int bodyLimit;
  private final Clock clock;

  public WebhookHttpClient(
      TargetAddresses addresses, Duration connectTimeout, Duration requestTimeout, int bodyLimit, Clock clock) {
    this.addresses = addresses;
    this.requestTimeout = requestTimeout;
    this.bodyLimit = bodyLimit;
    this.clock = clock;
    this.lookups = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "webhook-dns");
      t.setDaemon(true);
      return t;
    });
    this.connections =
        ConnectionProvider.builder("webhooks")
            .maxConnections(2048)
            .pendingAcquireMaxCount(-1)
            .pendingAcquireTimeout(requestTimeout)
            .maxIdleTime(Duration.ofSeconds(30))
            .evictInBackground(Duration.ofSeconds(30))
            .build();
    // Event loops of its own: deliveries never share threads with the API server, and closing
    // another Spring context in the same JVM (the local stack runs several) cannot stop them.
    this.loops = LoopResources.create("webhook-http", Math.max(2, Runtime.getRuntime().availableProcessors()), true);
    this.client =
        HttpClient.create(connections)
            .runOn(loops)
            .resolver(new GuardedAddressResolverGroup(addresses, lookups))
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
            .followRedirect(false)
            .compress(false);
  }

  /** POSTs {@code body} with {@code headers}; emits the outcome, never an error. */
  public Mono<AttemptOutcome> post(String url, Map<String, String> headers, byte[] body) {
    Mono<AttemptOutcome> exchange =
        Mono.defer(() -> {
          // java.net.URI, not the string: reactor-netty's own URL pattern takes a port of one
          // digit (http://host:9/) for part of the host name, which then fails to resolve.
          URI target = URI.create(url);
          refuseLiteralTarget(target);
          return client
              .post()
              .uri(target)
              .send((request, out) -> {
                // Set on the request, not with client.headers(...), which copies the client per call.
                headers.forEach(request::header);
                request.header("User-Agent", USER_AGENT).header("Content-Type", "application/json");
                return out.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)));
              })
              .response((response, content) -> readCapped(content).map(excerpt -> outcome(response, excerpt)))
              .next();
        });
    // One timer for the whole exchange, connection to last body byte (reactor-netty's
    // responseTimeout would add and remove a handler per request for only a part of it).
    return exchange
        .timeout(requestTimeout)
        .onErrorResume(e -> Mono.just(failure(e)));
  }

  /**
   * Address literals (https://10.0.0.1/) never reach the resolver: the pool connects to them
   * directly, so they are judged here, before any connection is opened.
   */
  private void refuseLiteralTarget(URI url) {
    String host = url.getHost();
    if (host == null) {
      return;
    }
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    byte[] literal = NetUtil.createByteArrayFromIpAddressString(bare);
    if (literal != null) {
      try {
        addresses.permitted(bare, java.util.List.of(InetAddress.getByAddress(bare, literal)));
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private Mono<String> readCapped(ByteBufFlux content) {
    return Mono.defer(() -> {
      ByteArrayOutputStream kept = new ByteArrayOutputStream();
      return content
          .asByteArray()
          .takeUntil(chunk -> {
            kept.write(chunk, 0, Math.min(chunk.length, bodyLimit - kept.size()));
            // Stop reading once the limit is reached: the rest of a huge body is never read.
            return kept.size() >= bodyLimit;
          })
          .then(Mono.fromSupplier(() -> new String(kept.toByteArray(), StandardCharsets.UTF_8)));
    });
  }

  private AttemptOutcome outcome(HttpClientResponse response, String excerpt) {
    int status = response.status().code();
    if (status >= 200 && status < 300) {
      return new AttemptOutcome.Delivered(status, excerpt);
    }
    if (status == 410) {
      return new AttemptOutcome.Gone(excerpt);
    }
    if (status >= 300 && status < 400) {
      String location = response.responseHeaders().get("Location");
      return new AttemptOutcome.Rejected(
          status, null, "redirect to " + location + " not followed; update the endpoint's URL. " + excerpt);
    }
    return new AttemptOutcome.Rejected(
        status, RetryAfter.parse(response.responseHeaders().get("Retry-After"), clock.instant()), excerpt);
  }

  private AttemptOutcome failure(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof TargetRefusedException refused) {
        return new AttemptOutcome.TargetRefused(refused.getMessage());
      }
      if (cause instanceof TimeoutException || cause instanceof ReadTimeoutException) {
        return new AttemptOutcome.Unreachable("no response within " + requestTimeout.toMillis() + " ms");
      }
      if (cause instanceof UnknownHostException) {
        return new AttemptOutcome.Unreachable("host does not resolve: " + cause.getMessage());
      }
      if (cause instanceof ConnectException) {
        return new AttemptOutcome.Unreachable("connection refused: " + cause.getMessage());
      }
      if (cause instanceof SSLException) {
        return new AttemptOutcome.Unreachable("TLS failed: " + cause.getMessage());
      }
      if (cause instanceof PrematureCloseException || cause instanceof ClosedChannelException) {
        return new AttemptOutcome.Unreachable("connection closed before a response");
      }
    }
    return new AttemptOutcome.Unreachable(error.getClass().getSimpleName() + ": " + error.getMessage());
  }

  @Override
  public void close() {
    connections.dispose();
    loops.dispose();
    lookups.shutdownNow();
  }
}
