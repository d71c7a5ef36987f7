package dev.feedlink.localstack;

import dev.feedlink.connection.ConnectionServiceApplication;
import dev.feedlink.embeddedkafka.InJvmKafka;
import dev.feedlink.pipeline.PipelineWorkerApplication;
import dev.feedlink.sandbox.SandboxProviderApplication;
import dev.feedlink.scheduler.StreamSchedulerApplication;
import dev.feedlink.webhook.WebhookDispatcherApplication;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import dev.feedlink.sandbox.control.domain.SandboxClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
import sun.misc.Signal;

/**
 * Starts the whole platform in one JVM: a real single-node Kafka, PostgreSQL, every service, the
 * sandbox provider and a webhook sink that prints what it receives; prints {@code READY
 * http://localhost:8080} when every service reports UP. Each service runs in its own Spring context
 * with its own settings, as it would in its own container.
 */
public final class LocalStack {

  public static final String CONNECTION_SERVICE = "connection-service";
  public static final String PIPELINE_WORKER = "pipeline-worker";
  public static final String STREAM_SCHEDULER = "stream-scheduler";
  public static final String WEBHOOK_DISPATCHER = "webhook-dispatcher";
  public static final String SANDBOX_PROVIDER = "sandbox-provider";

  private LocalStack() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("demo")) {
      dev.feedlink.localstack.journey.Demo.main(args);
      return;
    }
    Instant started = Instant.now();
    PrintStream out = System.out;
    quietLogging();
    String adminToken = env("ADMIN_TOKEN", "local-admin-token");
    boolean keepData = Boolean.parseBoolean(env("FEEDLINK_KEEP_DATA", "false"));
    out.println("starting Kafka (KRaft, in this JVM) on port " + StackSettings.KAFKA_PORT + " ...");
    InJvmKafka kafka = InJvmKafka.start(Integer.parseInt(env("FEEDLINK_KAFKA_PORT", "" + StackSettings.KAFKA_PORT)), 6);
    LocalPostgres postgres =
        LocalPostgres.start(
            env("FEEDLINK_PG_HOST", "127.0.0.1"),
            Integer.parseInt(env("FEEDLINK_PG_PORT", "5432")),
            env("FEEDLINK_PG_USER", "postgres"),
            env("FEEDLINK_PG_DATABASE", "feedlink_local"),
            keepData);
    out.println("PostgreSQL: " + postgres.jdbcUrl() + (postgres.embedded() ? " (embedded)" : ""));
    StackSettings settings =
        new StackSettings(
            kafka.bootstrapServers(),
            postgres.r2dbcUrl(),
            postgres.jdbcUrl(),
            postgres.user(),
            "",
            StackSettings.GATEWAY_PORT,
            StackSettings.PIPELINE_PORT,
            StackSettings.SCHEDULER_PORT,
            StackSettings.WEBHOOKS_PORT,
            StackSettings.SANDBOX_PORT,
            adminToken,
            Map.of("logging.level.root", "WARN", "logging.level.dev.feedlink", "INFO"));
    out.println("starting services ...");
    RunningStack stack = start(settings);
    WebhookSink sink = WebhookSink.start(StackSettings.WEBHOOK_SINK_PORT, out);
    AtomicBoolean stopping = new AtomicBoolean();
    CountDownLatch stopped = new CountDownLatch(1);
    Runnable stop = () -> {
      if (!stopping.compareAndSet(false, true)) {
        // The JVM starts exiting by itself mid-stop once the services' last ordinary thread has
        // ended; its shutdown hook then waits for the stop under way rather than cut it short
        // (which left Kafka half-closed and its directory behind).
        try {
          stopped.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      try {
        out.println("stopping ...");
        sink.close();
        stack.close();
        kafka.close();
        try {
          postgres.close();
        } catch (Exception e) {
          // exiting anyway
        }
        out.println("stopped");
      } finally {
        stopped.countDown();
      }
    };
    // Ctrl-C and SIGTERM stop everything in order (services, Kafka, PostgreSQL) before the JVM's
    // shutdown hooks run, which run all at once: libraries' own hooks cannot race the stop.
    for (String name : List.of("INT", "TERM")) {
      Signal.handle(new Signal(name), signal -> {
        stop.run();
        System.exit(0);
      });
    }
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "local-stack-shutdown"));
    awaitHealthy(stack, Duration.ofSeconds(120));
    out.printf(
        "admin token: %s (POST /admin/apps with it to create an app)%n"
            + "webhook sink: http://127.0.0.1:%d/ prints every webhook it receives%n"
            + "sandbox provider: http://localhost:%d (its clock is the whole stack's: POST /sandbox/clock {\"advance\":\"P1D\"} moves a day)%n"
            + "Kafka: %s (any Kafka tool can watch the topics)%n"
            + "demo: java -jar local-stack/target/local-stack-0.1.0-SNAPSHOT-exec.jar demo (in another terminal)%n"
            + "started in %.1f s%n",
        adminToken,
        sink.port(),
        stack.port(SANDBOX_PROVIDER),
        kafka.bootstrapServers(),
        Duration.between(started, Instant.now()).toMillis() / 1000.0);
    out.println("READY " + stack.gatewayUrl());
  }

  /**
   * Starts every service against the given Kafka and database; returns once all have started. One
   * after another: Spring Boot initialises the JVM-wide logging system as each context starts, which
   * is not safe to do from several threads at once.
   */
  public static RunningStack start(StackSettings settings) {
    return start(settings, 1);
  }

  /**
   * Starts {@code instances} instances of every service (the sandbox once). Instances of a service
   * share its consumer groups and its database schema, as containers of one service do; the first
   * is named after the service, the others {@code <service>#2}, … . Every gateway forwards to the
   * last instance of each service behind it, so the first ones can be stopped without cutting the
   * API off (the scale-out test stops them mid-journey).
   */
  public static RunningStack start(StackSettings settings, int instances) {
    RunningStack stack = new RunningStack();
    try {
      // The gateway's port is known before the services behind it start, so the links they hand
      // out (data links in webhooks, the server of the API descriptions) point at it.
      int gatewayPort = settings.gatewayPort() == 0 ? freePort() : settings.gatewayPort();
      Map<String, Object> common = commonProperties(settings);
      common.put("feedlink.pipeline.public-base-url", "http://localhost:" + gatewayPort);
      common.put("feedlink.webhooks.public-base-url", "http://localhost:" + gatewayPort);
      common.put("feedlink.api-docs.server-url", "http://localhost:" + gatewayPort);
      SpringApplication sandbox = application(SandboxProviderApplication.class, null);
      sandbox.setDefaultProperties(new LinkedHashMap<>(SandboxProviderApplication.DEFAULTS));
      Map<String, Object> sandboxProps = new LinkedHashMap<>(settings.extraProperties());
      sandboxProps.put("server.port", settings.sandboxPort());
      ConfigurableApplicationContext sandboxContext = sandbox.run(arguments(sandboxProps));
      stack.add(SANDBOX_PROVIDER, sandboxContext);
      // One clock for the whole world: the sandbox's. Moving it (POST /sandbox/clock) moves the
      // providers' data and every service's time together, as days passing would.
      stack.useClock(sandboxContext.getBean(SandboxClock.class));
      String sandboxUrl = "http://localhost:" + stack.port(SANDBOX_PROVIDER);

      // The services behind the gateway first: the gateways are told their ports.
      for (int i = 1; i <= instances; i++) {
        boolean first = i == 1;
        stack.add(instanceName(PIPELINE_WORKER, i), run(PipelineWorkerApplication.class, common, Map.of(
            "server.port", first ? settings.pipelinePort() : 0, "feedlink.sandbox.base-url", sandboxUrl), stack.clock()));
        stack.add(instanceName(STREAM_SCHEDULER, i), run(StreamSchedulerApplication.class, common, Map.of(
            "server.port", first ? settings.schedulerPort() : 0), stack.clock()));
        // The webhook sink listens on loopback, which webhooks may reach only when allowed.
        stack.add(instanceName(WEBHOOK_DISPATCHER, i), run(WebhookDispatcherApplication.class, common, Map.of(
            "server.port", first ? settings.webhooksPort() : 0, "feedlink.webhooks.allowed-networks", "127.0.0.0/8"),
            stack.clock()));
      }
      for (int i = 1; i <= instances; i++) {
        Map<String, Object> gateway = new LinkedHashMap<>();
        gateway.put("server.port", i == 1 ? gatewayPort : 0);
        gateway.put("feedlink.gateway.admin-token", settings.adminToken());
        gateway.put("feedlink.gateway.pipeline-worker", "http://localhost:" + stack.port(instanceName(PIPELINE_WORKER, instances)));
        gateway.put("feedlink.gateway.stream-scheduler", "http://localhost:" + stack.port(instanceName(STREAM_SCHEDULER, instances)));
        gateway.put("feedlink.gateway.webhook-dispatcher", "http://localhost:" + stack.port(instanceName(WEBHOOK_DISPATCHER, instances)));
        stack.add(instanceName(CONNECTION_SERVICE, i), run(ConnectionServiceApplication.class, common, gateway, stack.clock()));
      }
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("no free port for the gateway", e);
    }
  }

  /** {@code pipeline-worker} for the first instance, {@code pipeline-worker#2} for the second, … */
  public static String instanceName(String service, int instance) {
    return instance == 1 ? service : service + "#" + instance;
  }

  private static Map<String, Object> commonProperties(StackSettings settings) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("spring.kafka.bootstrap-servers", settings.kafkaBootstrapServers());
    props.put("spring.r2dbc.url", settings.r2dbcUrl());
    props.put("spring.r2dbc.username", settings.dbUser());
    props.put("spring.r2dbc.password", settings.dbPassword());
    props.put("spring.r2dbc.pool.initial-size", 1);
    props.put("spring.r2dbc.pool.max-size", 5);
    props.put("spring.flyway.url", settings.jdbcUrl());
    props.put("spring.flyway.user", settings.dbUser());
    props.put("spring.flyway.password", settings.dbPassword());
    props.put("feedlink.development-mode", true);
    props.putAll(settings.extraProperties());
    return props;
  }

  /** Starts one service with the common settings plus its own, reading time from {@code clock}. */
  public static ConfigurableApplicationContext run(
      Class<?> app, Map<String, Object> common, Map<String, Object> own, Clock clock) {
    Map<String, Object> props = new LinkedHashMap<>(common);
    props.putAll(own);
    return application(app, clock).run(arguments(props));
  }

  private static SpringApplication application(Class<?> type, Clock clock) {
    SpringApplication app = new SpringApplication(type);
    app.setBannerMode(Banner.Mode.OFF);
    app.setRegisterShutdownHook(false);
    app.addInitializers(
        context -> {
          if (clock != null) {
            context.getBeanFactory().registerSingleton("worldClock", clock);
          }
          // Netty event loops of its own: Reactor Netty's shared ones are disposed when any context
          // using them closes, which would take every other service in this JVM down with it.
          ReactorResourceFactory resources = new ReactorResourceFactory();
          resources.setUseGlobalResources(false);
          context.getBeanFactory().registerSingleton("reactorResourceFactory", resources);
        });
    return app;
  }

  /** As command-line arguments: above the services' own defaults, as a deployment's settings are. */
  private static String[] arguments(Map<String, Object> props) {
    List<String> args = new ArrayList<>();
    props.forEach((k, v) -> args.add("--" + k + "=" + v));
    return args.toArray(String[]::new);
  }

  /** Waits until every service's /actuator/health answers UP. */
  public static void awaitHealthy(RunningStack stack, Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(timeout);
    for (String service : stack.services().keySet()) {
      URI health = URI.create("http://localhost:" + stack.port(service) + "/actuator/health");
      String last = "no answer";
      while (true) {
        try {
          HttpResponse<String> response =
              http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"")) {
            break;
          }
          last = response.statusCode() + " " + response.body();
        } catch (java.io.IOException e) {
          last = e.toString();
        }
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(service + " is not healthy: " + last);
        }
        Thread.sleep(250);
      }
    }
  }

  /** Until the services configure logging, keep the broker's start-up chatter out of the console. */
  private static void quietLogging() {
    if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
      logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
