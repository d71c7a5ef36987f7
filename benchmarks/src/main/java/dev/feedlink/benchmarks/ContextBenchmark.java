package dev.feedlink.benchmarks;

import dev.feedlink.connection.ConnectionServiceApplication;
import dev.feedlink.events.AccountRef;
import dev.feedlink.events.AccountsLinked;
import dev.feedlink.events.ProviderCatalogued;
import dev.feedlink.events.SessionKind;
import dev.feedlink.events.SessionStatusChanged;
import dev.feedlink.schemas.AvroEventSerializer;
import dev.feedlink.schemas.Topics;
import dev.feedlink.testkit.TestInfrastructure;
import java.io.BufferedReader;
import java.io.InputStreamReader;
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
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Recorder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code GET /connection/context} against a running connection-service (real PostgreSQL and Kafka,
 * a connection in Connected / DataFound with two accounts), measured with wrk when it is installed
 * (a Java load client otherwise), side by side with the same server's trivial {@code GET /ping} in
 * the same run. Prints requests/s, p50 and p99 of each and the ratio.
 *
 * <p>Target (issue 3): at least 10,000 requests/s with p99 at most 10 ms on a 2-core machine.
 *
 * <p>Arguments: {@code [seconds per measurement, default 20] [connections, default 32]}.
 */
public final class ContextBenchmark {

  private static final UUID PROVIDER = UUID.fromString("5a0d0b0e-0000-4000-8000-00000000be01");
  /** Connections read at random, so the run is not one hot row. */
  private static final int CONNECTIONS_READ = 200;
  private static String contextScript;
  private static List<String> contextIds;

  record Result(String endpoint, double requestsPerSecond, double p50Millis, double p99Millis, long errors) {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    TestInfrastructure infra = TestInfrastructure.get();
    Map<String, Object> props = new HashMap<>(infra.springProperties());
    props.put("server.port", "0");
    props.put("feedlink.gateway.admin-token", "bench-admin");
    props.put("spring.r2dbc.pool.initial-size", "4");
    props.put("spring.r2dbc.pool.max-size", "10");
    props.put("logging.level.root", "WARN");
    props.put("logging.structured.format.console", "");
    // Command-line arguments: above the service's own connection-service.yml.
    String[] serviceArgs = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    ConfigurableApplicationContext service;
    try {
      service = new SpringApplicationBuilder(ConnectionServiceApplication.class).run(serviceArgs);
    } catch (RuntimeException e) {
      e.printStackTrace();
      System.exit(1);
      return;
    }
    int port = ((WebServerApplicationContext) service).getWebServer().getPort();
    String base = "http://127.0.0.1:" + port;
    HttpClient http = HttpClient.newHttpClient();
    try (KafkaProducer<String, byte[]> producer = producer(infra)) {
      publish(producer, Topics.PROVIDER_CATALOG, PROVIDER.toString(),
          ProviderCatalogued.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
              .setProviderId(PROVIDER.toString()).setName("Benchmark Energy").setKind("utility").setCountry("US")
              .setDataTypes(List.of("interval", "bill")).setLoginMethod("credentials").build());
      String token = json(http.send(post(base + "/admin/apps", "bench-admin", "{\"name\":\"bench\"}"),
          HttpResponse.BodyHandlers.ofString()).body(), "api_token");
      waitUntil(() -> get(http, base + "/providers", token).contains(PROVIDER.toString()));
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < CONNECTIONS_READ; i++) {
        String created = http.send(post(base + "/connections", token,
            "{\"provider_id\":\"" + PROVIDER + "\",\"user_id\":\"" + UUID.randomUUID()
                + "\",\"credentials\":{\"username\":\"user_good\",\"password\":\"pass_good\"}}"),
            HttpResponse.BodyHandlers.ofString()).body();
        String connectionId = json(created, "connection_id");
        String appId = json(get(http, base + "/connections/" + connectionId, token), "app");
        String firstSession = json(get(http, base + "/connections/" + connectionId + "/sessions", token), "session_id");
        makeDataFound(producer, appId, connectionId, firstSession);
        ids.add(connectionId);
      }
      for (String id : ids) {
        waitUntil(() -> get(http, base + "/connection/context?connection_id=" + id, token).contains("DataFound"));
      }
      String contextUrl = base + "/connection/context?connection_id=" + ids.get(0);
      System.out.println("context answer: " + get(http, contextUrl, token));
      java.nio.file.Path script = java.nio.file.Files.createTempFile("context", ".lua");
      StringBuilder lua = new StringBuilder("ids = {");
      for (String id : ids) {
        lua.append('"').append(id).append("\",");
      }
      lua.append("}\nrequest = function()\n  return wrk.format(\"GET\", \"/connection/context?connection_id=\" .. ids[math.random(#ids)])\nend\n");
      java.nio.file.Files.writeString(script, lua.toString());
      contextScript = script.toString();
      contextIds = ids;

      boolean wrk = wrkInstalled();
      System.out.printf("load client: %s, %d connections, %d s per measurement, %d cores%n",
          wrk ? "wrk (2 threads)" : "Java HttpClient", connections, seconds, Runtime.getRuntime().availableProcessors());
      // Warm both paths up (JIT, pools) before measuring.
      measure(wrk, base + "/ping", null, connections, Math.max(5, seconds / 2));
      measure(wrk, contextUrl, token, connections, Math.max(5, seconds / 2));
      String loadBefore = loadAverage();
      List<Result> results = new ArrayList<>();
      results.add(measure(wrk, base + "/ping", null, connections, seconds));
      results.add(measure(wrk, contextUrl, token, connections, seconds));
      print(results);
      // The machine is shared: a high load average from other processes shows in both tails.
      System.out.println("load average before: " + loadBefore + "; after: " + loadAverage());
    } catch (Exception e) {
      e.printStackTrace();
    } finally {
      service.close();
      System.exit(0);
    }
  }

  private static void print(List<Result> results) {
    Result ping = results.get(0);
    Result context = results.get(1);
    System.out.println();
    System.out.printf("%-24s %12s %10s %10s %8s%n", "endpoint", "req/s", "p50 ms", "p99 ms", "errors");
    for (Result r : results) {
      System.out.printf(Locale.ROOT, "%-24s %12.0f %10.2f %10.2f %8d%n", r.endpoint(), r.requestsPerSecond(), r.p50Millis(),
          r.p99Millis(), r.errors());
    }
    System.out.printf(Locale.ROOT, "context / ping throughput ratio: %.2f%n", context.requestsPerSecond() / ping.requestsPerSecond());
    System.out.printf(Locale.ROOT, "target >= 10000 req/s with p99 <= 10 ms: %s%n",
        context.requestsPerSecond() >= 10_000 && context.p99Millis() <= 10 ? "met" : "NOT met");
  }

  // --- the load ------------------------------------------------------------------------------

  private static Result measure(boolean wrk, String url, String token, int connections, int seconds) throws Exception {
    String name = url.contains("/ping") ? "GET /ping" : "GET /connection/context";
    return wrk ? wrk(name, url, token, connections, seconds) : javaClient(name, url, token, connections, seconds);
  }

  private static boolean wrkInstalled() {
    try {
      return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() >= 0;
    } catch (Exception e) {
      return false;
    }
  }

  private static Result wrk(String name, String url, String token, int connections, int seconds) throws Exception {
    List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency"));
    if (token != null) {
      command.addAll(List.of("-H", "Authorization: Bearer " + token));
    }
    if (url.contains("/connection/context") && contextScript != null) {
      command.addAll(List.of("-s", contextScript));
    }
    command.add(url);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuilder out = new StringBuilder();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        out.append(line).append('\n');
      }
    }
    process.waitFor();
    String text = out.toString();
    double rps = Double.parseDouble(first(text, "Requests/sec:\\s+([0-9.]+)"));
    long errors = 0;
    Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(text);
    if (non2xx.find()) {
      errors += Long.parseLong(non2xx.group(1));
    }
    Matcher socket = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(text);
    if (socket.find()) {
      for (int i = 1; i <= 4; i++) {
        errors += Long.parseLong(socket.group(i));
      }
    }
    return new Result(name, rps, millis(first(text, "\\s50%\\s+([0-9.]+\\w+)")), millis(first(text, "\\s99%\\s+([0-9.]+\\w+)")), errors);
  }

  private static Result javaClient(String name, String url, String token, int connections, int seconds) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Recorder recorder = new Recorder(3);
    AtomicLong errors = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    String base = url.contains("/connection/context") ? url.substring(0, url.indexOf('=') + 1) : null;
    List<Thread> threads = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < connections; i++) {
      Thread t = new Thread(() -> {
        while (System.nanoTime() < end) {
          String target = base == null ? url : base + contextIds.get(java.util.concurrent.ThreadLocalRandom.current().nextInt(contextIds.size()));
          // A request stuck on a lost connection counts as an error instead of hanging the run.
          HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(target)).timeout(java.time.Duration.ofSeconds(10));
          if (token != null) {
            builder.header("Authorization", "Bearer " + token);
          }
          long t0 = System.nanoTime();
          try {
            HttpResponse<Void> response = http.send(builder.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
              errors.incrementAndGet();
            }
          } catch (Exception e) {
            errors.incrementAndGet();
          }
          recorder.recordValue((System.nanoTime() - t0) / 1000);
        }
      });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    var histogram = recorder.getIntervalHistogram();
    return new Result(name, histogram.getTotalCount() / elapsed, histogram.getValueAtPercentile(50) / 1000.0,
        histogram.getValueAtPercentile(99) / 1000.0, errors.get());
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static double millis(String wrkValue) {
    Matcher m = Pattern.compile("([0-9.]+)(us|ms|s)").matcher(wrkValue);
    if (!m.matches()) {
      throw new IllegalStateException("unreadable wrk latency " + wrkValue);
    }
    double value = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> value / 1000;
      case "ms" -> value;
      default -> value * 1000;
    };
  }

  private static String first(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("no " + regex + " in wrk output:\n" + text);
    }
    return m.group(1);
  }

  // --- the connection being read ---------------------------------------------------------------

  private static void makeDataFound(
      KafkaProducer<String, byte[]> producer, String appId, String connectionId, String firstSession) throws Exception {
    // The connection's first session, as the pipeline would report it.
    String session = firstSession;
    List<AccountRef> accounts = List.of(
        AccountRef.newBuilder().setAccountId(UUID.randomUUID().toString()).setAccountNumber("123456789").setKind("electricity").build(),
        AccountRef.newBuilder().setAccountId(UUID.randomUUID().toString()).setAccountNumber("987654321").setKind("gas").build());
    long sequence = 0;
    for (int code : new int[] {6, 9, 2, 12, 13, 15, 21, 16, 18, 19}) {
      SessionStatusChanged.Builder event = SessionStatusChanged.newBuilder().setEventId(UUID.randomUUID().toString())
          .setOccurredAt(Instant.now()).setAppId(appId).setConnectionId(connectionId).setSessionId(session)
          .setSessionKind(SessionKind.CONNECT).setProviderId(PROVIDER.toString()).setSequence(++sequence).setCode(code)
          .setName("s" + code);
      if (code >= 15 && code != 9) {
        event.setDataFound(true).setNewRecords(code == 19 ? 100 : 0);
      }
      publish(producer, Topics.SESSION_STATUS, connectionId, event.build());
      if (code == 9) {
        publish(producer, Topics.SESSION_STATUS, connectionId, AccountsLinked.newBuilder().setEventId(UUID.randomUUID().toString())
            .setOccurredAt(Instant.now()).setAppId(appId).setConnectionId(connectionId).setProviderId(PROVIDER.toString())
            .setSessionId(session).setAccounts(accounts).build());
      }
    }
  }

  // --- plumbing ---------------------------------------------------------------------------------

  private static KafkaProducer<String, byte[]> producer(TestInfrastructure infra) {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()),
        new StringSerializer(), new ByteArraySerializer());
  }

  private static void publish(KafkaProducer<String, byte[]> producer, String topic, String key, SpecificRecord event)
      throws Exception {
    producer.send(new ProducerRecord<>(topic, key, new AvroEventSerializer().serialize(topic, event))).get();
  }

  private static HttpRequest post(String url, String token, String body) {
    return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static String get(HttpClient http, String url, String token) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String json(String body, String field) {
    Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("no " + field + " in " + body);
    }
    return m.group(1);
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static void waitUntil(Check check) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!check.ok()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("condition not met within 60 s");
      }
      Thread.sleep(100);
    }
  }

  private ContextBenchmark() {}
}
