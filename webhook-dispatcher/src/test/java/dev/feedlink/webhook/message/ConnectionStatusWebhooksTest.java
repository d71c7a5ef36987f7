package dev.feedlink.webhook.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.events.ConnectionStatusChanged;
import dev.feedlink.events.LifecycleChange;
import dev.feedlink.events.PromptType;
import dev.feedlink.schemas.Topics;
import dev.feedlink.webhook.support.Events;
import dev.feedlink.webhook.support.Receiver;
import dev.feedlink.webhook.support.WebhookApi;
import dev.feedlink.webhook.support.WebhookIntegrationTest;
import dev.feedlink.webhook.support.WebhookTestSupport;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A connection's whole life as connection-service announces it on {@code connection.events}, through
 * Kafka into webhooks: one status change per change it announces, an action required only while a
 * question is asked, nothing for the lifecycle events published beside them.
 */
@WebhookIntegrationTest
class ConnectionStatusWebhooksTest extends WebhookTestSupport {

  private long sequence;

  private ConnectionStatusChanged status(
      String app, String connection, String[] previous, String status, String reason, String state, PromptType prompt, Integer code) {
    return ConnectionStatusChanged.newBuilder(Events.statusChanged(app, connection, status, reason, prompt))
        .setSequence(++sequence)
        .setState(state)
        .setPreviousStatus(previous == null ? null : previous[0])
        .setPreviousReason(previous == null ? null : previous[1])
        .setSessionId(code == null ? null : "session-1")
        .setSessionCode(code)
        .build();
  }

  private static String[] was(String status, String reason) {
    return new String[] {status, reason};
  }

  @Test
  void aConnectionsLifeMakesOneStatusChangePerChangeAndActionRequiredOnlyForItsQuestion() {
    try (Receiver receiver = Receiver.start()) {
      WebhookApi api = newApp();
      api.createEndpoint(receiver.url());
      String app = api.appId();
      String c = newConnection();
      List<SpecificRecord> life = new ArrayList<>();
      // POST /connections: the lifecycle event and the first status, from no status.
      life.add(Events.lifecycle(app, c, LifecycleChange.CREATED));
      life.add(status(app, c, null, "Connecting", "New", "INITIATED", null, null));
      life.add(status(app, c, was("Connecting", "New"), "Connecting", "Connecting", "INITIATED", null, 6));
      life.add(status(app, c, was("Connecting", "Connecting"), "Connecting", "AccountSelectionRequired", "INITIATED",
          PromptType.ACCOUNT_SELECTION, 6));
      life.add(status(app, c, was("Connecting", "AccountSelectionRequired"), "Disconnected", "AccountSelectionTimeout",
          "INITIATED", null, 20));
      // A re-link, its login, then the seed-001 state moving alone.
      life.add(Events.lifecycle(app, c, LifecycleChange.REPAIRED));
      life.add(status(app, c, was("Disconnected", "AccountSelectionTimeout"), "Connecting", "New", "INITIATED", null, null));
      life.add(status(app, c, was("Connecting", "New"), "Connected", "ConnectedCredentials", "ACTIVE", null, 9));
      life.add(status(app, c, was("Connected", "ConnectedCredentials"), "Connected", "DataFound", "ACTIVE", null, 19));
      life.add(status(app, c, was("Connected", "DataFound"), "Disconnected", "ConsentExpired", "EXPIRED", null, 8));
      life.add(status(app, c, was("Disconnected", "ConsentExpired"), "Disconnected", "ConsentExpired", "DISCONNECTED", null, 26));
      // DELETE /connections/{id}.
      life.add(Events.lifecycle(app, c, LifecycleChange.DISCONNECTED));
      life.add(status(app, c, was("Disconnected", "ConsentExpired"), "Disconnected", "UserDisconnected", "DISCONNECTED", null, null));
      life.forEach(event -> events.publish(Topics.CONNECTION_EVENTS, c, event));

      // The last event's webhook means every earlier event of the connection (one partition) was ingested.
      List<Receiver.Request> received = awaitReceived(receiver, r -> r.size() >= 11 && r.stream()
          .anyMatch(q -> q.json().path("connection_status_reason").asString().equals("UserDisconnected")));

      assertThat(api.get("/webhooks/messages?connection_id=" + c + "&limit=100").path("data")).hasSize(11);
      assertThat(received).hasSize(11);
      List<JsonNode> changes = received.stream().map(Receiver.Request::json)
          .filter(b -> b.path("type").asString().equals("connection.status_changed")).toList();
      assertThat(changes).extracting(b -> b.path("connection_status_reason").asString() + "/" + b.path("state").asString())
          .containsExactlyInAnyOrder("New/INITIATED", "Connecting/INITIATED", "AccountSelectionRequired/INITIATED",
              "AccountSelectionTimeout/INITIATED", "New/INITIATED", "ConnectedCredentials/ACTIVE", "DataFound/ACTIVE",
              "ConsentExpired/EXPIRED", "ConsentExpired/DISCONNECTED", "UserDisconnected/DISCONNECTED");
      List<JsonNode> actions = received.stream().map(Receiver.Request::json)
          .filter(b -> b.path("type").asString().equals("connection.action_required")).toList();
      assertThat(actions).hasSize(1);
      assertThat(actions.get(0).path("action_required").asString()).isEqualTo("account_selection");
      assertThat(received).extracting(r -> r.json().path("sequence").asLong())
          .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
    }
  }
}
