package dev.feedlink.connection.connections;

import static dev.feedlink.connection.support.ScriptedPipeline.SANDBOX_UTILITY;
import static dev.feedlink.connection.support.ScriptedPipeline.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.connection.support.ScriptedPipeline;
import dev.feedlink.connection.support.ServiceTest;
import dev.feedlink.events.AccountRef;
import dev.feedlink.events.FailureReason;
import dev.feedlink.events.SessionKind;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The sandbox logins whose provider misbehaves: data pushed later (user_webhook), malformed
 * documents (user_malformed), a provider so slow the watchdog times the session out (user_slow).
 */
class ProviderQuirksTest extends ServiceTest {

  private static final List<AccountRef> ACCOUNTS = List.of(account("5550005001", "electricity", "interval"));

  private record Linked(TestApp app, UUID id, ScriptedPipeline.Session session) {}

  private Linked authorized(String username) {
    TestApp app = createApp(username);
    UUID id = UUID.fromString(link(app, SANDBOX_UTILITY, UUID.randomUUID(), username, "pass_good")
        .body().path("connection_id").asString());
    ScriptedPipeline.Session session = pipeline.session(pipeline.awaitSession(id, SessionKind.CONNECT));
    session.emit(6);
    session.authorized(List.of("read"), ACCOUNTS);
    awaitContext(app, id, "Connected", "ConnectedCredentials");
    return new Linked(app, id, session);
  }

  private static JsonNode last(JsonNode sessions) {
    JsonNode transitions = sessions.path("sessions").get(0).path("transitions");
    return transitions.get(transitions.size() - 1);
  }

  @Test
  void dataThatTheProviderPushesLaterWaitsThenIsFound() {
    Linked l = authorized("user_webhook");
    l.session().emit(2);
    l.session().emit(25);
    awaitContext(l.app(), l.id(), "Connected", "ConnectedWaitingOnDataExtraction");
    assertThat(last(awaitTransitions(l.app(), l.id(), 4)).path("name").asString()).isEqualTo("Waiting For Webhook");
    l.session().emit(12);
    l.session().emit(13);
    l.session().emit(15, e -> e.setDataFound(true));
    l.session().finish(true, 96, List.of("interval"), ACCOUNTS);
    awaitContext(l.app(), l.id(), "Connected", "DataFound");
  }

  @Test
  void malformedDocumentsAreAnErrorOfOursToInvestigate() {
    Linked l = authorized("user_malformed");
    l.session().emit(2);
    l.session().fail(11, FailureReason.MALFORMED_DATA, false);
    awaitContext(l.app(), l.id(), "Error", "Error");
    JsonNode error = last(awaitTransitions(l.app(), l.id(), 4)).path("error");
    assertThat(error.path("reason").asString()).isEqualTo("MALFORMED_DATA");
    assertThat(error.path("retryable").asBoolean()).isFalse();
    assertThat(entity(l.app(), l.id()).path("status").asString()).isEqualTo("ACTIVE");
  }

  @Test
  void aSessionThatStopsMovingIsTimedOutAndRetriedLater() {
    Linked l = authorized("user_slow");
    l.session().emit(2);
    l.session().fail(23, FailureReason.STALLED, true);
    awaitContext(l.app(), l.id(), "Error", "RetryLater");
    JsonNode timedOut = last(awaitTransitions(l.app(), l.id(), 4));
    assertThat(timedOut.path("code").asInt()).isEqualTo(23);
    assertThat(timedOut.path("name").asString()).isEqualTo("Timed Out");
    assertThat(timedOut.path("error").path("reason").asString()).isEqualTo("STALLED");
  }
}
