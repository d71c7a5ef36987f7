package dev.feedlink.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.platform.time.AdjustableClock;
import dev.feedlink.testkit.TestInfrastructure;
import dev.feedlink.webhook.WebhookDispatcherApplication;
import dev.feedlink.webhook.support.Events;
import dev.feedlink.webhook.support.IsolatedDatabase;
import dev.feedlink.webhook.support.Receiver;
import dev.feedlink.webhook.support.Receiver.Reply;
import dev.feedlink.webhook.support.WebhookApi;
import dev.feedlink.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A dispatcher stopped while retries are pending, and a new one started against the same
 * database, delivers every message: due attempts live in PostgreSQL, not in memory. (A database
 * and consumer group of its own keep the other tests' dispatcher, with its own clock, out.)
 */
class DispatcherRestartTest {

  static final Events events = new Events();
  static String database;

  @BeforeAll
  static void createDatabase() {
    database = IsolatedDatabase.create("restart");
  }

  @AfterAll
  static void closeEvents() {
    events.close();
  }

  static ConfigurableApplicationContext startDispatcher() {
    TestInfrastructure infra = TestInfrastructure.get();
    Map<String, Object> props = new HashMap<>(infra.springProperties());
    props.put("spring.r2dbc.url", IsolatedDatabase.r2dbcUrl(database));
    props.put("spring.flyway.url", IsolatedDatabase.jdbcUrl(database));
    props.put("spring.application.name", "webhook-dispatcher-restart-test");
    props.put("server.port", 0);
    props.put("feedlink.webhooks.allowed-networks", "127.0.0.0/8");
    props.put("feedlink.webhooks.poll-interval", "50ms");
    props.put("feedlink.webhooks.request-timeout", "2s");
    props.put("feedlink.kafka.poll-timeout", "100ms");
    String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    return new SpringApplicationBuilder(WebhookDispatcherApplication.class).run(args);
  }

  static WebhookApi api(ConfigurableApplicationContext context, String appId) {
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    return new WebhookApi(WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build(), appId);
  }

  static List<JsonNode> messages(WebhookApi api, String connection) {
    return StreamSupport.stream(api.get("/webhooks/messages?limit=500&connection_id=" + connection).path("data").spliterator(), false).toList();
  }

  @Test
  void aDispatcherRestartedMidRetryLosesNothing() {
    String appId = UUID.randomUUID().toString();
    String connection = UUID.randomUUID().toString();
    try (Receiver receiver = Receiver.start().answering(r -> Reply.status(503))) {
      List<JsonNode> pending;
      try (ConfigurableApplicationContext first = startDispatcher()) {
        WebhookApi api = api(first, appId);
        api.createEndpoint(receiver.url());
        for (int i = 0; i < 10; i++) {
          events.publish(Topics.CONNECTION_EVENTS, connection, Events.statusChanged(appId, connection, "Connected", "DataFound", null));
        }
        pending = Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> messages(api, connection),
            list -> list.size() == 10 && list.stream().allMatch(m -> m.path("deliveries").get(0).path("attempts").asInt() >= 1));
      }
      Set<String> ids = pending.stream().map(m -> m.path("message_id").asString()).collect(Collectors.toSet());
      int before = receiver.received().size();
      receiver.answering(r -> Reply.status(204));

      try (ConfigurableApplicationContext second = startDispatcher()) {
        // Past the retries' due time (5 s ±20 %), not past the lease of attempts in flight (34 s
        // here), or those would lapse and be sent twice: at least once, but this test wants exactly.
        ((AdjustableClock) second.getBean(Clock.class)).advance(Duration.ofSeconds(7));
        WebhookApi api = api(second, appId);

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> messages(api, connection),
            list -> list.stream().allMatch(m -> m.path("status").asString().equals("delivered")));
        List<Receiver.Request> afterRestart = receiver.received().subList(before, receiver.received().size());
        assertThat(afterRestart).extracting(Receiver.Request::webhookId).containsExactlyInAnyOrderElementsOf(ids);
      }
    }
  }

  @Test
  void aDispatcherStoppedWhileItsReceiverHangsLeavesNothingReservedForItself() {
    String appId = UUID.randomUUID().toString();
    String connection = UUID.randomUUID().toString();
    try (Receiver receiver = Receiver.start().answering(r -> Reply.never())) {
      try (ConfigurableApplicationContext first = startDispatcher()) {
        WebhookApi api = api(first, appId);
        api.createEndpoint(receiver.url());
        for (int i = 0; i < 100; i++) {
          events.publish(Topics.CONNECTION_EVENTS, connection, Events.statusChanged(appId, connection, "Connected", "DataFound", null));
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> messages(api, connection).size() == 100
            && receiver.received().size() == 16);
      }
      receiver.answering(r -> Reply.status(204));

      try (ConfigurableApplicationContext second = startDispatcher()) {
        // Well within the lease (34 s here): only what was really attempted waits for its retry time.
        ((AdjustableClock) second.getBean(Clock.class)).advance(Duration.ofSeconds(7));
        WebhookApi api = api(second, appId);

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(
            () -> api.get("/webhooks/messages?connection_id=" + connection + "&status=pending&limit=500").path("data").size() == 0
                && api.get("/webhooks/messages?connection_id=" + connection + "&status=delivered&limit=500").path("data").size() == 100);
        Set<String> answered = receiver.received().stream().skip(16).map(Receiver.Request::webhookId).collect(Collectors.toSet());
        assertThat(answered).hasSize(100);
      }
    }
  }
}
