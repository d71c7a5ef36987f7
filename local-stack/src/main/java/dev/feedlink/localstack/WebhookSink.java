package dev.feedlink.localstack;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** A webhook receiver for the local stack that prints every delivery it gets and answers 204. */
final class WebhookSink implements AutoCloseable {

  private final DisposableServer server;

  private WebhookSink(DisposableServer server) {
    this.server = server;
  }

  static WebhookSink start(int port, PrintStream out) {
    DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    DisposableServer server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(port)
            .handle(
                (request, response) ->
                    request
                        .receive()
                        .aggregate()
                        .asString(StandardCharsets.UTF_8)
                        .defaultIfEmpty("")
                        .flatMap(
                            body -> {
                              out.printf(
                                  "%s webhook-sink %s %s webhook-id=%s%n  %s%n",
                                  LocalTime.now().format(time),
                                  request.method(),
                                  request.uri(),
                                  request.requestHeaders().get("webhook-id"),
                                  body.length() > 2000 ? body.substring(0, 2000) + "…" : body);
                              return response.status(204).send().then();
                            })
                        .then(Mono.empty()))
            .bindNow();
    return new WebhookSink(server);
  }

  int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.disposeNow();
  }
}
