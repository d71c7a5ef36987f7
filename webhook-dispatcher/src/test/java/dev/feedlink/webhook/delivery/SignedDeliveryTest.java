package dev.feedlink.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.events.PromptType;
import dev.feedlink.schemas.Topics;
import dev.feedlink.webhook.support.Events;
import dev.feedlink.webhook.support.Receiver;
import dev.feedlink.webhook.support.StandardWebhooksVerifier;
import dev.feedlink.webhook.support.WebhookApi;
import dev.feedlink.webhook.support.WebhookIntegrationTest;
import dev.feedlink.webhook.support.WebhookTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/** Events on Kafka become signed webhooks at a real receiver. */
@WebhookIntegrationTest
class SignedDeliveryTest extends WebhookTestSupport {

  @Test
  void aStatusChangeArrivesSignedPerStandardWebhooksWithTheSeedsStatusFields() {
    try (Receiver receiver = Receiver.start()) {
      WebhookApi api = newApp();
      String secret = api.createEndpoint(receiver.url()).path("secret").asString();
      String connection = newConnection();

      publishStatus(api.appId(), connection);

      Receiver.Request request = awaitReceived(receiver, 1).get(0);
      assertSigned(request, secret);
      assertThat(request.webhookId()).matches("msg_[0-9a-f]{32}");
      assertThat(request.header("user-agent")).startsWith("Feedlink-Webhooks/");
      JsonNode body = request.json();
      assertThat(body.path("type").asString()).isEqualTo("connection.status_changed");
      assertThat(body.path("connection_id").asString()).isEqualTo(connection);
      assertThat(body.path("sequence").asLong()).isEqualTo(1);
      assertThat(body.path("connection_status").asString()).isEqualTo("Connected");
      assertThat(body.path("connection_status_reason").asString()).isEqualTo("DataFound");
      assertThat(body.path("connection_status_timestamp").asString()).isEqualTo("2024-12-15T12:00:00Z");
      assertThat(body.path("action_required").isNull()).isTrue();
      assertThat(new StandardWebhooksVerifier("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").verifies(request.webhookId(),
          request.header("webhook-timestamp"), request.header("webhook-signature"), request.body(), clock().instant()))
          .as("another secret does not verify it").isFalse();
    }
  }

  @Test
  void userActionRequiredComesAsItsOwnTypeAlongsideTheStatusChange() {
    try (Receiver all = Receiver.start(); Receiver actionsOnly = Receiver.start()) {
      WebhookApi api = newApp();
      api.createEndpoint(all.url());
      api.createEndpoint(actionsOnly.url(), "event_types", List.of("connection.action_required"));
      String connection = newConnection();

      publishStatus(api.appId(), connection, "Connecting", "MfaCodeRequired", PromptType.MFA_CODE);

      List<Receiver.Request> toAll = awaitReceived(all, 2);
      Receiver.Request action = awaitReceived(actionsOnly, 1).get(0);
      assertThat(toAll).extracting(r -> r.json().path("type").asString())
          .containsExactlyInAnyOrder("connection.status_changed", "connection.action_required");
      assertThat(action.json().path("type").asString()).isEqualTo("connection.action_required");
      assertThat(action.json().path("action_required").asString()).isEqualTo("mfa_code");
      assertThat(action.json().path("connection_status_reason").asString()).isEqualTo("MfaCodeRequired");
      assertThat(action.json().path("sequence").asLong()).as("numbered per endpoint: no gap for a filtered endpoint").isEqualTo(1);
    }
  }

  @Test
  void messagesOfOneConnectionAreNumberedWithoutGapsPerEndpoint() {
    try (Receiver receiver = Receiver.start()) {
      WebhookApi api = newApp();
      api.createEndpoint(receiver.url());
      String connection = newConnection();

      for (int i = 0; i < 5; i++) {
        publishStatus(api.appId(), connection);
      }

      List<Receiver.Request> received = awaitReceived(receiver, 5);
      assertThat(received).extracting(r -> r.json().path("sequence").asLong()).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
      assertThat(received).extracting(Receiver.Request::webhookId).doesNotHaveDuplicates();
    }
  }

  @Test
  void aRedeliveredEventMakesNoSecondWebhook() {
    try (Receiver receiver = Receiver.start()) {
      WebhookApi api = newApp();
      api.createEndpoint(receiver.url());
      String connection = newConnection();
      var event = Events.statusChanged(api.appId(), connection, "Connected", "DataFound", null);

      events.publish(Topics.CONNECTION_EVENTS, connection, event);
      events.publish(Topics.CONNECTION_EVENTS, connection, event);
      publishStatus(api.appId(), connection);

      // The third event's webhook proves both earlier records were consumed.
      List<Receiver.Request> received = awaitReceived(receiver, r -> r.stream().anyMatch(q -> q.json().path("sequence").asLong() == 2));
      assertThat(received).hasSize(2);
      assertThat(api.get("/webhooks/messages?connection_id=" + connection).path("data").size()).isEqualTo(2);
    }
  }

  @Test
  void aRotatedSecretAndTheOldOneBothSignUntilTheGracePeriodEnds() {
    try (Receiver receiver = Receiver.start()) {
      WebhookApi api = newApp();
      JsonNode endpoint = api.createEndpoint(receiver.url());
      String oldSecret = endpoint.path("secret").asString();
      String id = endpoint.path("endpoint_id").asString();

      JsonNode rotated = api.json(HttpMethod.POST, "/webhooks/endpoints/" + id + "/secret/rotate",
          Map.of("grace_period_seconds", 3600), 200);
      String newSecret = rotated.path("secret").asString();
      assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
      publishStatus(api.appId(), newConnection());

      Receiver.Request during = awaitReceived(receiver, 1).get(0);
      assertThat(during.header("webhook-signature").split(" ")).hasSize(2);
      assertSigned(during, newSecret);
      assertSigned(during, oldSecret);

      clock().advance(Duration.ofHours(1).plusSeconds(1));
      publishStatus(api.appId(), newConnection());
      Receiver.Request after = awaitReceived(receiver, 2).get(1);
      assertThat(after.header("webhook-signature").split(" ")).hasSize(1);
      assertSigned(after, newSecret);
      assertThat(new StandardWebhooksVerifier(oldSecret).verifies(after.webhookId(), after.header("webhook-timestamp"),
          after.header("webhook-signature"), after.body(), clock().instant())).isFalse();
    }
  }
}
