package dev.feedlink.benchmarks;

import dev.feedlink.events.EncryptedValue;
import dev.feedlink.events.SessionKind;
import dev.feedlink.events.SessionRequested;
import dev.feedlink.events.SessionStatusChanged;
import dev.feedlink.pipeline.PipelineWorkerApplication;
import dev.feedlink.pipeline.provider.ConnectorProperties;
import dev.feedlink.pipeline.provider.Credentials;
import dev.feedlink.pipeline.provider.GreenButtonConnector;
import dev.feedlink.pipeline.provider.ProviderAccess;
import dev.feedlink.pipeline.provider.ProviderHttp;
import dev.feedlink.pipeline.provider.SandboxProviders;
import dev.feedlink.pipeline.provider.domain.DataType;
import dev.feedlink.pipeline.provider.domain.FetchOutcome;
import dev.feedlink.pipeline.provider.domain.FetchWindow;
import dev.feedlink.pipeline.provider.domain.LoginOutcome;
import dev.feedlink.pipeline.provider.domain.ProviderData;
import dev.feedlink.platform.crypto.Sealed;
import dev.feedlink.platform.crypto.SecretCipher;
import dev.feedlink.sandbox.RunningSandbox;
import dev.feedlink.sandbox.SandboxProviderApplication;
import dev.feedlink.schemas.AvroEventDeserializer;
import dev.feedlink.schemas.AvroEventSerializer;
import dev.feedlink.schemas.SessionStatusCode;
import dev.feedlink.schemas.Topics;
import dev.feedlink.testkit.TestInfrastructure;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.ObjectMapper;

/**
 * Sessions processed end to end per second by one pipeline-worker instance: first connections of
 * distinct Sandbox Energy logins (two accounts each, a week of 15-minute electricity and hourly gas
 * readings and their bills), each from SessionRequested on Kafka through login, loading, storing,
 * deduplication, the five processing substages and delivery to Synced (19) on Kafka. The baseline,
 * in the same run against the same sandbox with the same concurrency: the provider work alone (log
 * in, fetch the feed, parse it) that each session cannot avoid, with no storage, processing or
 * events.
 */
public final class SessionsBenchmark {

  private static final int WARMUP = 8;
  private static final int SESSIONS = 120;
  private static int CONCURRENCY = 4;
  private static final String HISTORY = "P7D";

  /** @param args optionally the sessions one instance runs at once (default 4, the pipeline's default) */
  public static void main(String[] args) throws Exception {
    if (args.length > 0) {
      CONCURRENCY = Integer.parseInt(args[0]);
    }
    TestInfrastructure infra = TestInfrastructure.get();
    RunningSandbox sandbox = SandboxProviderApplication.start(Map.of("sandbox.clock-frozen", true, "logging.level.root", "WARN"));
    ConfigurableApplicationContext pipeline = startPipeline(infra, sandbox);
    SecretCipher cipher = pipeline.getBean(SecretCipher.class);
    Clock clock = pipeline.getBean(Clock.class);
    System.out.printf("SessionsBenchmark: %d first connections at Sandbox Energy (2 accounts, %s of history each), %d at a time%n",
        SESSIONS, HISTORY, CONCURRENCY);

    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 5),
            new StringSerializer(), new ByteArraySerializer());
        KafkaConsumer<String, byte[]> statuses = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "sessions-benchmark-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(), new ByteArrayDeserializer())) {
      statuses.subscribe(List.of(Topics.SESSION_STATUS));
      while (statuses.assignment().isEmpty()) {
        statuses.poll(Duration.ofMillis(100));
      }
      runSessions("w", WARMUP, producer, statuses, cipher, clock);
      Result ours = runSessions("p", SESSIONS, producer, statuses, cipher, clock);
      double baseline = providerOnly(sandbox.baseUrl(), SESSIONS, clock);

      System.out.printf("%-58s %10s %14s %8s%n", "", "pipeline", "provider only", "ratio");
      System.out.printf("%-58s %7.2f /s %11.2f /s %7.2f%n", "sessions, SessionRequested → Synced (19)", ours.perSecond(), baseline,
          ours.perSecond() / baseline);
      System.out.printf("%d synced, %d failed; session latency p50 %d ms, max %d ms%n", ours.synced(), ours.failed(), ours.p50(), ours.max());
      System.out.println("time per step (mean, all runs):");
      pipeline.getBean(io.micrometer.core.instrument.MeterRegistry.class).find("feedlink.pipeline.step").timers().forEach(t ->
          System.out.printf("  %-16s %6d × %8.1f ms%n", t.getId().getTag("step"), t.count(), t.mean(java.util.concurrent.TimeUnit.MILLISECONDS)));
    } finally {
      pipeline.close();
      sandbox.close();
    }
    System.exit(0);
  }

  private static ConfigurableApplicationContext startPipeline(TestInfrastructure infra, RunningSandbox sandbox) {
    Map<String, Object> props = new LinkedHashMap<>(infra.springProperties());
    props.put("server.port", 0);
    props.put("spring.r2dbc.pool.max-size", 10);
    props.put("feedlink.sandbox.base-url", sandbox.baseUrl());
    props.put("feedlink.pipeline.initial-history", HISTORY);
    props.put("feedlink.pipeline.concurrency", CONCURRENCY);
    props.put("logging.level.root", "WARN");
    props.put("logging.structured.format.console", "");
    SpringApplication app = new SpringApplication(PipelineWorkerApplication.class);
    app.setRegisterShutdownHook(false);
    List<String> args = new ArrayList<>();
    props.forEach((k, v) -> args.add("--" + k + "=" + v));
    return app.run(args.toArray(String[]::new));
  }

  record Result(int synced, int failed, double perSecond, long p50, long max) {}

  private static Result runSessions(
      String prefix, int count, KafkaProducer<String, byte[]> producer, KafkaConsumer<String, byte[]> statuses, SecretCipher cipher, Clock clock)
      throws Exception {
    AvroEventSerializer serializer = new AvroEventSerializer();
    AvroEventDeserializer deserializer = new AvroEventDeserializer();
    Map<String, Long> publishedAt = new HashMap<>();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      UUID connection = UUID.randomUUID();
      UUID session = UUID.randomUUID();
      String username = "user_good_" + prefix + i + "-" + Long.toString(start, 36);
      Sealed sealed = cipher.seal("{\"username\":\"" + username + "\",\"password\":\"pass_good\"}", connection.toString());
      SessionRequested request = SessionRequested.newBuilder()
          .setEventId(UUID.randomUUID().toString())
          .setOccurredAt(clock.instant())
          .setAppId("bench-app")
          .setConnectionId(connection.toString())
          .setSessionId(session.toString())
          .setProviderId(SandboxProviders.ENERGY.id().toString())
          .setUserId("bench-user-" + i)
          .setKind(SessionKind.CONNECT)
          .setUsername(username)
          .setCredentials(EncryptedValue.newBuilder().setKeyId(sealed.keyId()).setNonce(ByteBuffer.wrap(sealed.nonce()))
              .setCiphertext(ByteBuffer.wrap(sealed.ciphertext())).build())
          .build();
      publishedAt.put(session.toString(), System.nanoTime());
      producer.send(new ProducerRecord<>(Topics.SESSION_COMMANDS, connection.toString(), serializer.serialize(Topics.SESSION_COMMANDS, request)));
    }
    producer.flush();
    Set<String> done = new HashSet<>();
    List<Long> latencies = new ArrayList<>();
    int synced = 0;
    int failed = 0;
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (done.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + done.size() + " of " + count + " sessions ended within 10 minutes");
      }
      for (ConsumerRecord<String, byte[]> r : statuses.poll(Duration.ofMillis(100))) {
        if (!(deserializer.deserialize(r.topic(), r.value()) instanceof SessionStatusChanged status)) {
          continue;
        }
        Long sent = publishedAt.get(status.getSessionId());
        boolean terminal = SessionStatusCode.ofCode(status.getCode()).map(SessionStatusCode::isTerminal).orElse(false);
        if (sent != null && terminal && done.add(status.getSessionId())) {
          latencies.add((System.nanoTime() - sent) / 1_000_000);
          if (status.getCode() == SessionStatusCode.SYNCED.code()) {
            synced++;
          } else {
            failed++;
            System.out.println("session " + status.getSessionId() + " ended " + status.getCode() + " " + status.getFailure());
          }
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    latencies.sort(Long::compare);
    return new Result(synced, failed, count / seconds, latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1));
  }

  /** The provider work of the same number of first connections: login, fetch, parse; nothing kept. */
  private static double providerOnly(String baseUrl, int count, Clock clock) {
    ConnectorProperties properties = new ConnectorProperties(
        Duration.ofSeconds(5), Duration.ofSeconds(60), 3, Duration.ofMillis(200), Duration.ofSeconds(5), DataSize.ofMegabytes(64));
    GreenButtonConnector connector = new GreenButtonConnector(SandboxProviders.ENERGY, new ProviderHttp(WebClient.builder(), properties),
        new ObjectMapper(), URI.create(baseUrl + "/utility"));
    Instant from = clock.instant().minus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);
    long start = System.nanoTime();
    Long records = Flux.range(0, count)
        .flatMap(i -> connector.login(new Credentials("user_good_b" + i + "-" + Long.toString(start, 36), "pass_good"), UUID.randomUUID().toString(), null)
            .flatMap(login -> {
              LoginOutcome.Authorized ok = (LoginOutcome.Authorized) login;
              return connector.fetch(new ProviderAccess(ok.accessToken(), ok.subscriptionId()), ok.accounts(), DataType.UTILITY,
                  new FetchWindow(from, null));
            })
            .map(fetched -> {
              ProviderData data = connector.structure(((FetchOutcome.Fetched) fetched).documents());
              return data.recordCount();
            }), CONCURRENCY)
        .reduce(0L, Long::sum)
        .block(Duration.ofMinutes(10));
    double seconds = (System.nanoTime() - start) / 1e9;
    if (records == null || records == 0) {
      throw new IllegalStateException("the baseline fetched nothing");
    }
    return count / seconds;
  }
}
