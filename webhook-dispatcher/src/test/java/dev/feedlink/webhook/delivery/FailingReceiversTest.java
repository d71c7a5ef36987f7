package dev.feedlink.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.webhook.support.Receiver;
import dev.feedlink.webhook.support.Receiver.Reply;
import dev.feedlink.webhook.support.WebhookApi;
import dev.feedlink.webhook.support.WebhookIntegrationTest;
import dev.feedlink.webhook.support.WebhookTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Receivers that are down, refuse, go away or hang; time moves by the clock, never by sleeping. */
@WebhookIntegrationTest
class FailingReceiversTest extends WebhookTestSupport {

  static List<JsonNode> list(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
  }

  @Test
  void aReceiverDownForAStretchGetsEveryMessageOnceItRecovers() {
    try (Receiver receiver = Receiver.start()) {
      WebhookApi api = newApp();
      api.createEndpoint(receiver.url());
      String connection = newConnection();
      receiver.stop();

      for (int i = 0; i < 20; i++) {
        publishStatus(api.appId(), connection);
      }
      JsonNode failed = eventually().until(
          () -> api.get("/webhooks/messages?connection_id=" + connection).path("data"),
          data -> data.size() == 20 && list(data).stream().allMatch(m -> m.path("deliveries").get(0).path("attempts").asInt() == 1));
      assertThat(list(failed)).allMatch(m -> m.path("status").asString().equals("pending"));
      assertThat(list(failed)).allMatch(m -> m.path("deliveries").get(0).path("last_error").asString().contains("connection refused"));

      receiver.restart();
      clock().advance(Duration.ofSeconds(7));

      List<Receiver.Request> received = awaitReceived(receiver, 20);
      Set<String> messageIds = list(failed).stream().map(m -> m.path("message_id").asString()).collect(Collectors.toSet());
      assertThat(received).extracting(Receiver.Request::webhookId).containsExactlyInAnyOrderElementsOf(messageIds);
      assertThat(received).extracting(r -> r.json().path("sequence").asLong())
          .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
      eventually().until(() -> api.get("/webhooks/messages?connection_id=" + connection + "&status=pending").path("data").size() == 0);
    }
  }

  @Test
  void aRefusedConnectionToAOneDigitPortIsRecordedAsRefused() {
    // Nothing listens on the discard port; the port must not be mistaken for part of the host.
    WebhookApi api = newApp();
    api.createEndpoint("http://127.0.0.1:9/hooks");
    publishStatus(api.appId(), newConnection());
    String messageId = awaitMessages(api, "", 1).get(0).path("message_id").asString();

    JsonNode attempt = awaitAttempts(api, messageId, a -> a.size() == 1).get(0);

    assertThat(attempt.path("outcome").asString()).isEqualTo("unreachable");
    assertThat(attempt.path("error").asString()).contains("connection refused").doesNotContain("IPv6");
  }

  @Test
  void everyAttemptOfAMessageCarriesTheSameWebhookIdAndIsRecorded() {
    AtomicInteger calls = new AtomicInteger();
    try (Receiver receiver = Receiver.start()
        .answering(r -> calls.incrementAndGet() == 1 ? Reply.status(500, Map.of(), "database unavailable") : Reply.status(200))) {
      WebhookApi api = newApp();
      String endpoint = api.createEndpoint(receiver.url()).path("endpoint_id").asString();
      publishStatus(api.appId(), newConnection());
      String messageId = awaitMessages(api, "", 1).get(0).path("message_id").asString();
      JsonNode first = awaitAttempts(api, messageId, a -> a.size() == 1).get(0);

      assertThat(first.path("outcome").asString()).isEqualTo("rejected");
      assertThat(first.path("status_code").asInt()).isEqualTo(500);
      assertThat(first.path("response_excerpt").asString()).isEqualTo("database unavailable");
      assertThat(first.path("endpoint_id").asString()).isEqualTo(endpoint);
      assertThat(first.path("trigger").asString()).isEqualTo("event");
      Instant next = Instant.parse(first.path("next_attempt_at").asString());
      Instant attempted = Instant.parse(first.path("attempted_at").asString());
      assertThat(Duration.between(attempted, next)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6).plusMillis(500));

      clock().advance(Duration.ofSeconds(7));
      List<Receiver.Request> received = awaitReceived(receiver, 2);
      assertThat(received).extracting(Receiver.Request::webhookId).containsOnly(messageId);
      JsonNode attempts = awaitAttempts(api, messageId, a -> a.size() == 2);
      assertThat(attempts.get(1).path("outcome").asString()).isEqualTo("delivered");
      assertThat(attempts.get(1).path("trigger").asString()).isEqualTo("retry");
      assertThat(attempts.get(1).path("latency_ms").isNumber()).isTrue();
      assertThat(eventually().until(() -> api.get("/webhooks/messages/" + messageId),
          m -> m.path("status").asString().equals("delivered")).path("deliveries").get(0).path("last_status_code").asInt()).isEqualTo(200);
    }
  }

  @Test
  void retryAfterPostponesTheNextAttempt() {
    AtomicInteger calls = new AtomicInteger();
    try (Receiver receiver = Receiver.start()
        .answering(r -> calls.incrementAndGet() == 1 ? Reply.status(503, Map.of("Retry-After", "3600"), "") : Reply.status(204))) {
      WebhookApi api = newApp();
      api.createEndpoint(receiver.url());
      publishStatus(api.appId(), newConnection());
      String messageId = awaitMessages(api, "", 1).get(0).path("message_id").asString();
      JsonNode first = awaitAttempts(api, messageId, a -> a.size() == 1).get(0);
      Duration wait = Duration.between(Instant.parse(first.path("attempted_at").asString()), Instant.parse(first.path("next_attempt_at").asString()));
      assertThat(wait).isBetween(Duration.ofHours(1), Duration.ofHours(1).plusSeconds(2));

      clock().advance(Duration.ofMinutes(30));
      // A later message is claimed and delivered; the postponed one, not yet due, is not.
      publishStatus(api.appId(), newConnection());
      awaitReceived(receiver, 2);
      assertThat(receiver.received()).extracting(Receiver.Request::webhookId).containsOnlyOnce(messageId);

      clock().advance(Duration.ofMinutes(31));
      awaitReceived(receiver, r -> r.stream().filter(q -> q.webhookId().equals(messageId)).count() == 2);
    }
  }

  @Test
  void goneDisablesTheEndpointAndTellsTheAppsOtherEndpoints() {
    try (Receiver gone = Receiver.start().answering(r -> Reply.status(410)); Receiver other = Receiver.start()) {
      WebhookApi api = newApp();
      String goneId = api.createEndpoint(gone.url()).path("endpoint_id").asString();
      api.createEndpoint(other.url());
      String connection = newConnection();

      publishStatus(api.appId(), connection);

      List<Receiver.Request> toOther = awaitReceived(other, r -> r.stream().anyMatch(q -> q.json().path("type").asString().equals("endpoint.disabled")));
      JsonNode notice = toOther.stream().map(Receiver.Request::json).filter(b -> b.path("type").asString().equals("endpoint.disabled")).findFirst().orElseThrow();
      assertThat(notice.path("endpoint_id").asString()).isEqualTo(goneId);
      assertThat(notice.path("reason").asString()).isEqualTo("gone");
      assertThat(notice.path("url").asString()).isEqualTo(gone.url());
      assertThat(notice.has("connection_id")).isFalse();
      JsonNode endpoint = api.get("/webhooks/endpoints/" + goneId);
      assertThat(endpoint.path("status").asString()).isEqualTo("disabled");
      assertThat(endpoint.path("disabled_reason").asString()).isEqualTo("gone");

      publishStatus(api.appId(), connection);
      awaitReceived(other, r -> r.stream().filter(q -> q.json().path("type").asString().equals("connection.status_changed")).count() == 2);
      assertThat(gone.received()).hasSize(1);
      JsonNode deadLetters = eventually().until(() -> api.get("/webhooks/dead-letters?endpoint_id=" + goneId).path("data"), d -> d.size() == 2);
      assertThat(list(deadLetters)).extracting(d -> d.path("failure_reason").asString())
          .containsExactlyInAnyOrder("endpoint_gone", "endpoint_disabled");
      assertThat(list(deadLetters)).extracting(d -> d.path("sequence").asLong()).containsExactlyInAnyOrder(1L, 2L);
    }
  }

  @Test
  void anEndpointFailingForTheConfiguredPeriodIsDisabledAndTheAppTold() {
    try (Receiver failing = Receiver.start().answering(r -> Reply.status(500)); Receiver other = Receiver.start()) {
      WebhookApi api = newApp();
      String failingId = api.createEndpoint(failing.url()).path("endpoint_id").asString();
      api.createEndpoint(other.url());

      publishStatus(api.appId(), newConnection());
      awaitReceived(failing, 1);
      eventually().until(() -> !api.get("/webhooks/endpoints/" + failingId).path("failing_since").isNull());
      assertThat(api.get("/webhooks/endpoints/" + failingId).path("status").asString()).isEqualTo("enabled");

      clock().advance(Duration.ofDays(5).plusMinutes(1));
      publishStatus(api.appId(), newConnection());

      List<Receiver.Request> toOther = awaitReceived(other, r -> r.stream().anyMatch(q -> q.json().path("type").asString().equals("endpoint.disabled")));
      JsonNode notice = toOther.stream().map(Receiver.Request::json).filter(b -> b.path("type").asString().equals("endpoint.disabled")).findFirst().orElseThrow();
      assertThat(notice.path("reason").asString()).isEqualTo("failing");
      assertThat(notice.path("failing_since").asString()).isNotBlank();
      JsonNode endpoint = api.get("/webhooks/endpoints/" + failingId);
      assertThat(endpoint.path("status").asString()).isEqualTo("disabled");
      assertThat(endpoint.path("disabled_reason").asString()).isEqualTo("failing");
    }
  }

  @Test
  void aDeadEndpointDoesNotSlowAHealthyOne() {
    try (Receiver dead = Receiver.start().answering(r -> Reply.never()); Receiver healthy = Receiver.start()) {
      WebhookApi api = newApp();
      api.createEndpoint(dead.url());
      api.createEndpoint(healthy.url());

      for (int i = 0; i < 100; i++) {
        publishStatus(api.appId(), "conn-" + (i % 10) + "-" + api.appId());
      }

      awaitReceived(healthy, 100);
      // While all 100 reached the healthy endpoint, the dead one holds its few requests, unanswered.
      assertThat(dead.answered()).isZero();
      assertThat(dead.received()).hasSizeBetween(1, 16);
    }
  }

  @Test
  void anOrderedEndpointGetsOneConnectionsMessagesInSequenceEvenThroughFailures() {
    AtomicInteger firstOfX = new AtomicInteger();
    try (Receiver receiver = Receiver.start()) {
      WebhookApi api = newApp();
      api.createEndpoint(receiver.url(), "ordered", true);
      String x = newConnection();
      String y = newConnection();
      receiver.answering(r -> r.json().path("connection_id").asString().equals(x) && r.json().path("sequence").asLong() == 1
          && firstOfX.incrementAndGet() == 1 ? Reply.status(503) : Reply.status(204));

      for (int i = 0; i < 3; i++) {
        publishStatus(api.appId(), x);
      }
      String firstX = awaitMessages(api, "?connection_id=" + x, 3).get(2).path("message_id").asString();
      awaitAttempts(api, firstX, a -> a.size() == 1);
      publishStatus(api.appId(), y);
      awaitReceived(receiver, r -> r.stream().anyMatch(q -> q.json().path("connection_id").asString().equals(y)));

      assertThat(receiver.received()).filteredOn(r -> r.json().path("connection_id").asString().equals(x))
          .extracting(r -> r.json().path("sequence").asLong()).containsExactly(1L);

      clock().advance(Duration.ofSeconds(7));
      List<Receiver.Request> all = awaitReceived(receiver, r -> r.stream().filter(q -> q.json().path("connection_id").asString().equals(x)).count() == 4);
      assertThat(all).filteredOn(r -> r.json().path("connection_id").asString().equals(x))
          .extracting(r -> r.json().path("sequence").asLong()).containsExactly(1L, 1L, 2L, 3L);
    }
  }
}
