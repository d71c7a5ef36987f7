package dev.feedlink.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.events.AccountData;
import dev.feedlink.events.IntervalRecord;
import dev.feedlink.schemas.Topics;
import dev.feedlink.testkit.TopicProbe;
import dev.feedlink.webhook.support.Events;
import dev.feedlink.webhook.support.Receiver;
import dev.feedlink.webhook.support.Receiver.Reply;
import dev.feedlink.webhook.support.WebhookApi;
import dev.feedlink.webhook.support.WebhookIntegrationTest;
import dev.feedlink.webhook.support.WebhookTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/** Dead letters, replays and what an app can read of its webhooks (and not of others'). */
@WebhookIntegrationTest
class ReplayAndDeadLettersTest extends WebhookTestSupport {

  static final List<Duration> RETRIES = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
      Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));

  @Test
  void aDeliveryThatExhaustsItsScheduleIsADeadLetterThatReplaysUnderTheSameWebhookId() {
    try (Receiver receiver = Receiver.start().answering(r -> Reply.status(500))) {
      WebhookApi api = newApp();
      String endpoint = api.createEndpoint(receiver.url()).path("endpoint_id").asString();
      Instant start = clock().instant();
      publishStatus(api.appId(), newConnection());
      String messageId = awaitMessages(api, "", 1).get(0).path("message_id").asString();
      awaitAttempts(api, messageId, a -> a.size() == 1);

      for (int i = 0; i < RETRIES.size(); i++) {
        clock().advance(RETRIES.get(i).multipliedBy(5).dividedBy(4));
        int expected = i + 2;
        awaitAttempts(api, messageId, a -> a.size() == expected);
      }

      JsonNode deadLetter = eventually().until(() -> api.get("/webhooks/dead-letters").path("data"), d -> d.size() == 1).get(0);
      assertThat(deadLetter.path("message_id").asString()).isEqualTo(messageId);
      assertThat(deadLetter.path("endpoint_id").asString()).isEqualTo(endpoint);
      assertThat(deadLetter.path("failure_reason").asString()).isEqualTo("exhausted");
      assertThat(deadLetter.path("attempts").asInt()).isEqualTo(8);
      assertThat(deadLetter.path("last_status_code").asInt()).isEqualTo(500);
      assertThat(api.get("/webhooks/messages/" + messageId).path("status").asString()).isEqualTo("failed");
      assertThat(receiver.received()).hasSize(8).extracting(Receiver.Request::webhookId).containsOnly(messageId);

      receiver.answering(r -> Reply.status(204));
      JsonNode replayed = api.json(HttpMethod.POST, "/webhooks/replay", Map.of("since", start.toString()), 202);

      assertThat(replayed.path("replayed").asInt()).isEqualTo(1);
      awaitReceived(receiver, 9);
      assertThat(receiver.received().get(8).webhookId()).isEqualTo(messageId);
      JsonNode attempts = awaitAttempts(api, messageId, a -> a.size() == 9);
      assertThat(attempts.get(8).path("trigger").asString()).isEqualTo("replay");
      assertThat(attempts.get(8).path("outcome").asString()).isEqualTo("delivered");
      eventually().until(() -> api.get("/webhooks/dead-letters").path("data").size() == 0);
    }
  }

  @Test
  void replayingOneMessageSendsItAgainUnderItsWebhookId() {
    try (Receiver receiver = Receiver.start()) {
      WebhookApi api = newApp();
      api.createEndpoint(receiver.url());
      publishStatus(api.appId(), newConnection());
      String messageId = awaitReceived(receiver, 1).get(0).webhookId();
      eventually().until(() -> api.get("/webhooks/messages/" + messageId).path("status").asString().equals("delivered"));

      JsonNode replayed = api.json(HttpMethod.POST, "/webhooks/messages/" + messageId + "/replay", null, 202);

      assertThat(replayed.path("replayed").asInt()).isEqualTo(1);
      List<Receiver.Request> received = awaitReceived(receiver, 2);
      assertThat(received).extracting(Receiver.Request::webhookId).containsOnly(messageId);
      assertThat(received.get(1).text()).isEqualTo(received.get(0).text());
    }
  }

  @Test
  void aMessageShowsItsPayloadDeliveriesAndAttempts() {
    try (Receiver receiver = Receiver.start()) {
      WebhookApi api = newApp();
      String endpoint = api.createEndpoint(receiver.url()).path("endpoint_id").asString();
      String connection = newConnection();
      publishStatus(api.appId(), connection);
      String messageId = awaitReceived(receiver, 1).get(0).webhookId();

      JsonNode message = eventually().until(() -> api.get("/webhooks/messages/" + messageId),
          m -> m.path("status").asString().equals("delivered"));

      assertThat(message.path("event_type").asString()).isEqualTo("connection.status_changed");
      assertThat(message.path("connection_id").asString()).isEqualTo(connection);
      assertThat(message.path("payload").path("connection_status").asString()).isEqualTo("Connected");
      JsonNode delivery = message.path("deliveries").get(0);
      assertThat(delivery.path("endpoint_id").asString()).isEqualTo(endpoint);
      assertThat(delivery.path("sequence").asLong()).isEqualTo(1);
      assertThat(delivery.path("last_status_code").asInt()).isEqualTo(204);
      JsonNode listed = api.get("/webhooks/messages?event_type=connection.status_changed&limit=1");
      assertThat(listed.path("data").get(0).path("message_id").asString()).isEqualTo(messageId);
      assertThat(listed.path("data").get(0).has("payload")).as("listings leave the payload out").isFalse();
    }
  }

  @Test
  void anotherAppCanNeitherSeeNorReplayAnAppsMessages() {
    try (Receiver receiver = Receiver.start()) {
      WebhookApi owner = newApp();
      owner.createEndpoint(receiver.url());
      publishStatus(owner.appId(), newConnection());
      String messageId = awaitReceived(receiver, 1).get(0).webhookId();
      WebhookApi stranger = owner.as(UUID.randomUUID().toString());

      stranger.call(HttpMethod.GET, "/webhooks/messages/" + messageId, null).expectStatus().isNotFound();
      stranger.call(HttpMethod.GET, "/webhooks/messages/" + messageId + "/attempts", null).expectStatus().isNotFound();
      stranger.call(HttpMethod.POST, "/webhooks/messages/" + messageId + "/replay", null).expectStatus().isNotFound();
      assertThat(stranger.get("/webhooks/messages").path("data").size()).isZero();
      assertThat(stranger.json(HttpMethod.POST, "/webhooks/replay", Map.of("since", "2000-01-01T00:00:00Z"), 202)
          .path("replayed").asInt()).isZero();
      assertThat(receiver.received()).hasSize(1);
    }
  }

  @Test
  void badQueriesAreProblemsNamingTheField() {
    WebhookApi api = newApp();

    assertThat(api.json(HttpMethod.POST, "/webhooks/replay", Map.of("since", "yesterday"), 400).path("field").asString()).isEqualTo("since");
    assertThat(api.json(HttpMethod.GET, "/webhooks/messages?status=lost", null, 400).path("valid_values").toString()).contains("failed");
    assertThat(api.json(HttpMethod.GET, "/webhooks/messages?limit=0", null, 400).path("field").asString()).isEqualTo("limit");
  }

  @Test
  void replayingToADisabledEndpointIsAConflict() {
    try (Receiver receiver = Receiver.start()) {
      WebhookApi api = newApp();
      String endpoint = api.createEndpoint(receiver.url()).path("endpoint_id").asString();
      publishStatus(api.appId(), newConnection());
      String messageId = awaitReceived(receiver, 1).get(0).webhookId();
      api.json(HttpMethod.PATCH, "/webhooks/endpoints/" + endpoint, Map.of("status", "disabled"), 200);

      api.call(HttpMethod.POST, "/webhooks/messages/" + messageId + "/replay", Map.of("endpoint_id", endpoint))
          .expectStatus().isEqualTo(409);
    }
  }

  @Test
  void anEventThatCannotBecomeAWebhookGoesToTheDeadLetterTopicAndLaterOnesStillArrive() {
    try (Receiver receiver = Receiver.start(); TopicProbe dlt = new TopicProbe(Topics.deadLetterOf(Topics.DATA_OUTCOMES))) {
      WebhookApi api = newApp();
      api.createEndpoint(receiver.url());
      String connection = newConnection();
      IntervalRecord broken = Events.interval("2024-01-01T00:00:00Z", "2024-01-01T00:15:00Z", "1,25");
      var poison = Events.data(api.appId(), connection, "interval", List.of(AccountData.newBuilder().setAccountId("a")
          .setAccountNumber("1").setIntervals(List.of(broken)).setNewRecords(1).build()), null);

      events.publish(Topics.DATA_OUTCOMES, connection, poison);
      events.publish(Topics.DATA_OUTCOMES, connection, Events.intervals(api.appId(), connection,
          List.of(Events.interval("2024-01-01T00:15:00Z", "2024-01-01T00:30:00Z", "1.5")), null));

      dlt.awaitRecords(Topics.deadLetterOf(Topics.DATA_OUTCOMES), r -> r.stream().anyMatch(s -> connection.equals(s.key())),
          Duration.ofSeconds(60));
      Receiver.Request delivered = awaitReceived(receiver, 1).get(0);
      assertThat(delivered.json().path("accounts").get(0).path("intervals").get(0).path("usage").decimalValue())
          .isEqualByComparingTo("1.5");
    }
  }
}
