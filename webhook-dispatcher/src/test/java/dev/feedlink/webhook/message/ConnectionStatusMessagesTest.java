package dev.feedlink.webhook.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.events.ConnectionStatusChanged;
import dev.feedlink.events.LifecycleChange;
import dev.feedlink.events.PromptType;
import dev.feedlink.webhook.endpoint.domain.EventType;
import dev.feedlink.webhook.message.domain.NewMessage;
import dev.feedlink.webhook.support.Events;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhooks each ConnectionStatusChanged makes, for every kind of change connection-service
 * announces: a new connection, a new status or reason, a new state alone, its own reasons
 * (AccountSelectionTimeout, ConsentExpired, UserDisconnected), and the questions it asks.
 */
class ConnectionStatusMessagesTest {

  private static final Instant AT = Instant.parse("2026-11-24T12:00:00Z");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final EventMessages messages =
      new EventMessages(Clock.fixed(AT, ZoneOffset.UTC), 256 * 1024, URI.create("https://api.feedlink.test"));

  /** A ConnectionStatusChanged as connection-service writes it. */
  private static ConnectionStatusChanged.Builder change(
      String previousStatus, String previousReason, String status, String reason, String state) {
    return ConnectionStatusChanged.newBuilder(Events.statusChanged("app-1", "connection-1", status, reason, null))
        .setState(state)
        .setPreviousStatus(previousStatus)
        .setPreviousReason(previousReason)
        .setSessionCode(6);
  }

  private List<NewMessage> of(ConnectionStatusChanged.Builder event) {
    return messages.of(event.build());
  }

  private static List<EventType> types(List<NewMessage> made) {
    return made.stream().map(NewMessage::type).toList();
  }

  private static JsonNode body(NewMessage message) {
    return JSON.readTree(message.payloadJson());
  }

  @Test
  void aNewConnectionIsOneStatusChangeFromNoStatus() {
    List<NewMessage> made = of(change(null, null, "Connecting", "New", "INITIATED").setSessionCode(null));

    assertThat(types(made)).containsExactly(EventType.CONNECTION_STATUS_CHANGED);
    JsonNode body = body(made.get(0));
    assertThat(body.path("previous_status").isNull()).isTrue();
    assertThat(body.path("previous_reason").isNull()).isTrue();
    assertThat(body.path("connection_status_reason").asString()).isEqualTo("New");
    assertThat(body.path("state").asString()).isEqualTo("INITIATED");
    assertThat(body.path("session_code").isNull()).as("the change came from a request").isTrue();
    assertThat(body.path("action_required").isNull()).isTrue();
  }

  @Test
  void aNewStateAloneIsAStatusChangeCarryingTheState() {
    List<NewMessage> made = of(change("Connected", "DataFound", "Connected", "DataFound", "ACTIVE").setSessionCode(9));

    assertThat(types(made)).containsExactly(EventType.CONNECTION_STATUS_CHANGED);
    JsonNode body = body(made.get(0));
    assertThat(body.path("state").asString()).isEqualTo("ACTIVE");
    assertThat(body.path("previous_reason").asString()).isEqualTo(body.path("connection_status_reason").asString());
  }

  @Test
  void connectionServicesOwnReasonsAreStatusChangesAskingNothing() {
    List<ConnectionStatusChanged.Builder> ends = List.of(
        change("Connecting", "AccountSelectionRequired", "Disconnected", "AccountSelectionTimeout", "INITIATED").setSessionCode(20),
        change("Connected", "DataFound", "Disconnected", "ConsentExpired", "EXPIRED").setSessionCode(8),
        change("Connecting", "MfaCodeRequired", "Disconnected", "UserDisconnected", "DISCONNECTED").setSessionCode(null));

    for (ConnectionStatusChanged.Builder end : ends) {
      List<NewMessage> made = of(end);
      assertThat(types(made)).as(end.getConnectionStatusReason()).containsExactly(EventType.CONNECTION_STATUS_CHANGED);
      JsonNode body = body(made.get(0));
      assertThat(body.path("connection_status").asString()).isEqualTo("Disconnected");
      assertThat(body.path("connection_status_reason").asString()).isEqualTo(end.getConnectionStatusReason());
      assertThat(body.path("action_required").isNull()).isTrue();
    }
  }

  @Test
  void aQuestionAskedIsAlsoAnActionRequiredAndSoIsTheSameQuestionAskedAgainAfterAWrongAnswer() {
    List<NewMessage> asked = of(change("Connecting", "Connecting", "Connecting", "MfaCodeRequired", "INITIATED")
        .setActionRequired(PromptType.MFA_CODE));
    List<NewMessage> again = of(change("Connecting", "MfaCodeRequired", "Connecting", "MfaCodeInvalid", "INITIATED")
        .setActionRequired(PromptType.MFA_CODE));

    assertThat(types(asked)).containsExactly(EventType.CONNECTION_STATUS_CHANGED, EventType.CONNECTION_ACTION_REQUIRED);
    assertThat(types(again)).containsExactly(EventType.CONNECTION_STATUS_CHANGED, EventType.CONNECTION_ACTION_REQUIRED);
    assertThat(body(again.get(1)).path("action_required").asString()).isEqualTo("mfa_code");
    assertThat(asked.get(1).payloadJson()).as("the same body under its own type").isEqualTo(asked.get(0).payloadJson());
  }

  @Test
  void aConnectionThatIsNoLongerConnectingAsksNothingWhateverTheEventCarries() {
    List<NewMessage> made = of(change("Connecting", "SecurityAnswerRequired", "Disconnected", "ConsentExpired", "EXPIRED")
        .setSessionCode(8)
        .setActionRequired(PromptType.SECURITY_QUESTION));

    assertThat(types(made)).containsExactly(EventType.CONNECTION_STATUS_CHANGED);
    assertThat(body(made.get(0)).path("action_required").isNull()).isTrue();
  }

  @Test
  void aLifecycleEventBesideTheStatusChangeMakesNoSecondWebhook() {
    for (LifecycleChange change : LifecycleChange.values()) {
      assertThat(messages.of(Events.lifecycle("app-1", "connection-1", change))).as(change.name()).isEmpty();
    }
  }
}
