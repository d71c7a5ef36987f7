package dev.feedlink.benchmarks;

import dev.feedlink.events.ConnectionStatusChanged;
import dev.feedlink.platform.PlatformProperties;
import dev.feedlink.platform.web.CallerApp;
import dev.feedlink.schemas.AvroEventSerializer;
import dev.feedlink.schemas.Topics;
import dev.feedlink.testkit.TestInfrastructure;
import dev.feedlink.webhook.WebhookDispatcherApplication;
import dev.feedlink.webhook.delivery.domain.WebhookBody;
import dev.feedlink.webhook.delivery.domain.WebhookSignature;
import dev.feedlink.webhook.endpoint.domain.SigningSecret;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * webhook-dispatcher end to end, one instance, against a local receiver, with the same real Kafka
 * (in-JVM KRaft) and PostgreSQL as the tests:
 *
 * <ol>
 *   <li><b>Throughput</b>: 50,000 ConnectionStatusChanged events (1,000 connections) put
 *       on Kafka at once; deliveries per second from the first send until the receiver has had
 *       them all. Each delivery is the whole path: consumed, stored as message + delivery,
 *       claimed, signed, POSTed, its attempt recorded.
 *   <li><b>Latency</b>: events at {@value #PACED_RATE}/s for 20 s; each
 *       event's time from {@code producer.send()} to its arrival at the receiver (p50, p99, max).
 *   <li><b>Baseline</b>, same run, same receiver: a plain async HTTP client (the JDK's) sending
 *       the same number of the same signed requests with the same concurrency the dispatcher
 *       allows one endpoint, nothing persisted. The ratio says what durability, retries and
 *       observability cost.
 * </ol>
 *
 * <p>Both dispatcher figures are taken after a warm-up of the same two loads, long enough for the
 * JIT to settle; each prints how long the JIT compiled while it was measured, to show it did.
 */
public final class WebhookBenchmark {

  static final int WARM_UP = 10_000;
  static final int WARM_UP_ROUNDS = 4;
  static final int WARM_UP_PACED_SECONDS = 10;
  static int BURST = 50_000;
  static final int PACED_RATE = 1_000;
  static int PACED_SECONDS = 20;
  static final int CONNECTIONS = 1_000;
  static final int IN_FLIGHT = 16;

  /** Counts webhooks and notes when each connection's latest one arrived. */
  static final class Receiver implements AutoCloseable {
    final AtomicLong received = new AtomicLong();
    final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    final LoopResources loops = LoopResources.create("bench-receiver", 1, true);
    final DisposableServer server;

    Receiver() {
      server = HttpServer.create().runOn(loops).host("127.0.0.1").port(0)
          .handle((request, response) -> request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
              .flatMap(body -> {
                long now = System.nanoTime();
                int at = body.indexOf("\"connection_id\":\"");
                if (at >= 0) {
                  int from = at + 17;
                  arrivals.put(body.substring(from, body.indexOf('"', from)), now);
                }
                received.incrementAndGet();
                return response.status(204).send().then();
              }).then(Mono.<Void>empty()))
          .bindNow();
    }

    String url() {
      return "http://127.0.0.1:" + server.port() + "/hooks";
    }

    @Override
    public void close() {
      server.disposeNow();
      loops.dispose();
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length >= 2) {
      BURST = Integer.parseInt(args[0]);
      PACED_SECONDS = Integer.parseInt(args[1]);
    }
    TestInfrastructure infra = TestInfrastructure.get();
    System.out.printf("webhook benchmark: %d cores, Kafka %s, PostgreSQL database %s%n",
        Runtime.getRuntime().availableProcessors(), infra.kafkaBootstrapServers(), infra.database());
    try (Receiver receiver = new Receiver();
        ConfigurableApplicationContext dispatcher = startDispatcher(infra);
        KafkaProducer<String, byte[]> producer = producer(infra)) {
      String appId = UUID.randomUUID().toString();
      String secret = createEndpoint(dispatcher, appId, receiver.url());
      List<String> connections = new ArrayList<>();
      for (int i = 0; i < CONNECTIONS; i++) {
        connections.add(UUID.randomUUID().toString());
      }
      AvroEventSerializer serializer = new AvroEventSerializer();

      // Warm-up until steady state: on 2 cores the JIT keeps one core busy for about a minute of
      // this load, and figures taken meanwhile measure the compiler, not the dispatcher.
      System.out.printf("%nwarm-up, %d rounds of %,d at once then %d s at %,d/s:%n",
          WARM_UP_ROUNDS, WARM_UP, WARM_UP_PACED_SECONDS, PACED_RATE);
      for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
        long compiling = compilingMillis();
        double seconds = burst(producer, serializer, appId, connections, receiver, WARM_UP);
        Histogram latency = paced(producer, serializer, appId, receiver, WARM_UP_PACED_SECONDS);
        System.out.printf("  round %d: %,.0f deliveries/s, p50 %.1f ms, p99 %.1f ms, JIT compiling %,d ms%n", round,
            WARM_UP / seconds, latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
            compilingMillis() - compiling);
      }

      // 1. Throughput.
      long compiling = compilingMillis();
      double seconds = burst(producer, serializer, appId, connections, receiver, BURST);
      double dispatcherRate = BURST / seconds;
      System.out.printf("throughput: %,d webhooks delivered in %.2f s = %,.0f deliveries/s (JIT compiling meanwhile: %,d ms)%n",
          BURST, seconds, dispatcherRate, compilingMillis() - compiling);

      // 2. Latency at a steady rate.
      compiling = compilingMillis();
      Histogram latency = paced(producer, serializer, appId, receiver, PACED_SECONDS);
      System.out.printf("latency at %,d events/s for %d s (%,d events), producer.send() to arrival: p50 %.1f ms, p99 %.1f ms, max %.1f ms (JIT compiling meanwhile: %,d ms)%n",
          PACED_RATE, PACED_SECONDS, latency.getTotalCount(), latency.getValueAtPercentile(50) / 1e6,
          latency.getValueAtPercentile(99) / 1e6, latency.getMaxValue() / 1e6, compilingMillis() - compiling);

      // 3. Baseline: the same signed requests from a plain async client, nothing stored.
      for (int round = 0; round < WARM_UP_ROUNDS; round++) {
        baseline(receiver, secret, connections, WARM_UP);
      }
      double baselineRate = baseline(receiver, secret, connections, BURST);
      System.out.printf("baseline: JDK HttpClient.sendAsync, %d in flight, the same %,d signed requests (after the same warm-up): %,.0f requests/s%n",
          IN_FLIGHT, BURST, baselineRate);
      System.out.printf("%nratio dispatcher / plain client: %.2f  (targets: >= 5,000 deliveries/s, p99 <= 50 ms)%n",
          dispatcherRate / baselineRate);
    }
    System.exit(0);
  }

  /** Puts {@code count} events on Kafka at once; emits the seconds until the receiver had them all. */
  static double burst(KafkaProducer<String, byte[]> producer, AvroEventSerializer serializer, String appId,
      List<String> connections, Receiver receiver, int count) {
    long before = receiver.received.get();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      send(producer, serializer, appId, connections.get(i % CONNECTIONS));
    }
    producer.flush();
    await(() -> receiver.received.get() >= before + count, Duration.ofMinutes(10), "burst");
    return (System.nanoTime() - start) / 1e9;
  }

  /** Events at {@value #PACED_RATE}/s, one fresh connection each so that each arrival is matched to its send. */
  static Histogram paced(KafkaProducer<String, byte[]> producer, AvroEventSerializer serializer, String appId,
      Receiver receiver, int seconds) {
    Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    int total = PACED_RATE * seconds;
    long start = System.nanoTime();
    long interval = TimeUnit.SECONDS.toNanos(1) / PACED_RATE;
    for (int i = 0; i < total; i++) {
      long wait = start + i * interval - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      String connection = UUID.randomUUID().toString();
      sentAt.put(connection, System.nanoTime());
      send(producer, serializer, appId, connection);
    }
    await(() -> sentAt.keySet().stream().allMatch(receiver.arrivals::containsKey), Duration.ofMinutes(2), "paced");
    sentAt.forEach((connection, sent) -> latency.recordValue(Math.max(0, receiver.arrivals.remove(connection) - sent)));
    return latency;
  }

  static long compilingMillis() {
    return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
  }

  static ConfigurableApplicationContext startDispatcher(TestInfrastructure infra) {
    Map<String, Object> props = new HashMap<>(infra.springProperties());
    props.put("server.port", 0);
    // Production pool size; the testkit keeps test pools small.
    props.put("spring.r2dbc.pool.max-size", 10);
    props.put("feedlink.webhooks.allowed-networks", "127.0.0.0/8");
    props.put("feedlink.webhooks.max-in-flight-per-endpoint", IN_FLIGHT);
    props.put("logging.level.root", "WARN");
    props.put("logging.level.dev.feedlink.webhook", System.getProperty("bench.webhook.log", "WARN"));
    props.put("logging.structured.format.console", "");
    String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    return new SpringApplicationBuilder(WebhookDispatcherApplication.class).run(args);
  }

  static KafkaProducer<String, byte[]> producer(TestInfrastructure infra) {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
        ProducerConfig.LINGER_MS_CONFIG, 1,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new ByteArraySerializer());
  }

  static void send(KafkaProducer<String, byte[]> producer, AvroEventSerializer serializer, String appId, String connection) {
    Instant now = Instant.now();
    ConnectionStatusChanged event = ConnectionStatusChanged.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setOccurredAt(now).setAppId(appId).setConnectionId(connection)
        .setProviderId("provider").setUserId("user").setSequence(1).setConnectionStatus("Connected")
        .setConnectionStatusReason("DataFound").setConnectionStatusTimestamp(now).setState("ACTIVE").build();
    producer.send(new ProducerRecord<>(Topics.CONNECTION_EVENTS, connection, serializer.serialize(Topics.CONNECTION_EVENTS, event)));
  }

  static String createEndpoint(ConfigurableApplicationContext dispatcher, String appId, String url) throws Exception {
    int port = ((WebServerApplicationContext) dispatcher).getWebServer().getPort();
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/endpoints"))
            .header("Content-Type", "application/json")
            .header(CallerApp.INTERNAL_TOKEN_HEADER, PlatformProperties.DEVELOPMENT_INTERNAL_TOKEN)
            .header(CallerApp.APP_ID_HEADER, appId)
            .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + url + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException("endpoint not created: " + response.body());
    }
    int at = response.body().indexOf("whsec_");
    return response.body().substring(at, response.body().indexOf('"', at));
  }

  /** The dispatcher's bodies and headers, built and signed per request as it does, sent with the same concurrency. */
  static double baseline(Receiver receiver, String secret, List<String> connections, int count) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    byte[] key = SigningSecret.parse(secret).key();
    String payload = "{\"connection_status\":\"Connected\",\"connection_status_reason\":\"DataFound\","
        + "\"connection_status_timestamp\":\"2024-12-15T12:00:00Z\",\"previous_status\":null,\"previous_reason\":null,"
        + "\"state\":\"ACTIVE\",\"action_required\":null,\"provider_id\":\"provider\",\"user_id\":\"user\","
        + "\"session_id\":null,\"session_code\":null}";
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    long before = receiver.received.get();
    long start = System.nanoTime();
    List<CompletableFuture<?>> last = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      inFlight.acquire();
      String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
      byte[] body = WebhookBody.render("connection.status_changed", connections.get(i % CONNECTIONS), (long) i, Instant.now(), payload);
      long timestamp = Instant.now().getEpochSecond();
      HttpRequest request = HttpRequest.newBuilder(URI.create(receiver.url()))
          .header("Content-Type", "application/json")
          .header("webhook-id", id)
          .header("webhook-timestamp", Long.toString(timestamp))
          .header("webhook-signature", WebhookSignature.header(id, timestamp, body, List.of(key)))
          .timeout(Duration.ofSeconds(15))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      CompletableFuture<?> sent = client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .whenComplete((r, e) -> inFlight.release());
      if (i >= count - IN_FLIGHT) {
        last.add(sent);
      }
    }
    CompletableFuture.allOf(last.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
    await(() -> receiver.received.get() >= before + count, Duration.ofMinutes(1), "baseline");
    return count / ((System.nanoTime() - start) / 1e9);
  }

  static void await(BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " did not complete within " + timeout);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
    }
  }

  private WebhookBenchmark() {}
}
