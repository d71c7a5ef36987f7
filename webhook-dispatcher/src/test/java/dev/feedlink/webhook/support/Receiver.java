package dev.feedlink.webhook.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A real webhook receiver on a loopback port, started by a test: it records every request and
 * answers as told (a status, headers and body; or never). It can be stopped and started again on
 * the same port, like a receiver that is down for a while.
 */
public final class Receiver implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A request as received. */
  public record Request(Instant receivedAt, String path, Map<String, String> headers, byte[] body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      return JSON.readTree(body);
    }

    public String webhookId() {
      return header("webhook-id");
    }
  }

  /** How to answer; {@link #never()} never answers. */
  public record Reply(int status, Map<String, String> headers, String body, boolean hangs) {
    public static Reply status(int status) {
      return new Reply(status, Map.of(), "", false);
    }

    public static Reply status(int status, Map<String, String> headers, String body) {
      return new Reply(status, headers, body, false);
    }

    public static Reply never() {
      return new Reply(0, Map.of(), "", true);
    }
  }

  private final List<Request> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger answered = new AtomicInteger();
  private volatile Function<Request, Reply> behaviour = r -> Reply.status(204);
  private volatile DisposableServer server;
  private final int port;
  // Loops of its own: a Spring context closing disposes Reactor Netty's global ones.
  private final LoopResources loops = LoopResources.create("receiver", 1, true);

  private Receiver() {
    this.server = bind(0);
    this.port = server.port();
  }

  public static Receiver start() {
    return new Receiver();
  }

  private DisposableServer bind(int port) {
    return HttpServer.create()
        .runOn(loops)
        .host("127.0.0.1")
        .port(port)
        .handle((request, response) -> request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0])
            .flatMap(body -> {
              Map<String, String> headers = new HashMap<>();
              request.requestHeaders().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
              Request r = new Request(Instant.now(), request.uri(), headers, body);
              received.add(r);
              Reply reply = behaviour.apply(r);
              if (reply.hangs()) {
                return Mono.never();
              }
              response.status(reply.status());
              reply.headers().forEach(response::header);
              return response.sendString(Mono.just(reply.body())).then().doOnSuccess(v -> answered.incrementAndGet());
            }))
        .bindNow();
  }

  public String url() {
    return "http://127.0.0.1:" + port + "/hooks";
  }

  public int port() {
    return port;
  }

  public Receiver answering(Function<Request, Reply> behaviour) {
    this.behaviour = behaviour;
    return this;
  }

  public List<Request> received() {
    return List.copyOf(received);
  }

  /** Requests answered (not counting hung ones). */
  public int answered() {
    return answered.get();
  }

  /** Stops listening: connections are refused until {@link #restart}. */
  public void stop() {
    server.disposeNow();
  }

  public void restart() {
    server = bind(port);
  }

  @Override
  public void close() {
    server.disposeNow();
    loops.dispose();
  }
}
