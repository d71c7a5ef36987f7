package dev.feedlink.connection.connections;

import static dev.feedlink.connection.support.ScriptedPipeline.SANDBOX_BANK;
import static dev.feedlink.connection.support.ScriptedPipeline.SANDBOX_UTILITY;
import static dev.feedlink.connection.support.ScriptedPipeline.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.connection.support.ScriptedPipeline;
import dev.feedlink.connection.support.ServiceTest;
import dev.feedlink.events.AccountRef;
import dev.feedlink.events.ConnectionLifecycleChanged;
import dev.feedlink.events.ConnectionStatusChanged;
import dev.feedlink.events.FailureReason;
import dev.feedlink.events.LifecycleChange;
import dev.feedlink.events.PromptType;
import dev.feedlink.events.SessionKind;
import dev.feedlink.events.SessionRequested;
import dev.feedlink.events.SessionStatusChanged;
import dev.feedlink.schemas.Topics;
import dev.feedlink.testkit.TopicProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * Logins that fail or end, and what repairs them: wrong password, provider down, no data, consent
 * expiry, disconnection, new credentials after a refused refresh, re-linking the same login, and
 * background refreshes that must not disturb a healthy connection.
 */
class ConnectionLifecycleTest extends ServiceTest {

  private static final List<AccountRef> ACCOUNTS =
      List.of(account("5550009001", "electricity", "interval", "bill"), account("5550009002", "gas", "interval", "bill"));

  private record Linked(TestApp app, UUID id, UUID user, ScriptedPipeline.Session session) {}

  private Linked start(TestApp app, UUID provider, String username, String password) {
    UUID user = UUID.randomUUID();
    Reply created = link(app, provider, user, username, password);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    UUID id = UUID.fromString(created.body().path("connection_id").asString());
    ScriptedPipeline.Session session = pipeline.session(pipeline.awaitSession(id, SessionKind.CONNECT));
    session.emit(6);
    awaitContext(app, id, "Connecting", "Connecting");
    return new Linked(app, id, user, session);
  }

  /** A connection that logged in and found data. */
  private Linked dataFound(String username) {
    Linked l = start(createApp(username), SANDBOX_UTILITY, username, "pass_good");
    l.session().authorized(List.of("read"), ACCOUNTS);
    l.session().loadAndSync(true, 100, List.of("interval", "bill"), ACCOUNTS);
    awaitTransitions(l.app(), l.id(), 14);
    awaitContext(l.app(), l.id(), "Connected", "DataFound");
    return l;
  }

  private ScriptedPipeline.Session refresh(Linked l) {
    return pipeline.refresh(l.app().id(), l.id(), SANDBOX_UTILITY);
  }

  @Test
  void aWrongPasswordIsInvalidCredentialsUntilNewCredentialsConnect() {
    TestApp app = createApp("wrong-password");
    Linked l = start(app, SANDBOX_UTILITY, "user_good", "pass_bad");
    l.session().fail(7, FailureReason.INVALID_CREDENTIALS, false);
    JsonNode context = awaitContext(app, l.id(), "Disconnected", "InvalidCredentials");
    assertThat(context.path("numOfEntities").asInt()).isZero();
    JsonNode entity = entity(app, l.id());
    assertThat(entity.path("status").asString()).isEqualTo("INITIATED");
    assertThat(entity.path("scopes").isNull()).isTrue();
    JsonNode error = awaitTransitions(app, l.id(), 2).path("sessions").get(0).path("transitions").get(1).path("error");
    assertThat(error.path("reason").asString()).isEqualTo("INVALID_CREDENTIALS");

    try (TopicProbe lifecycle = new TopicProbe(Topics.CONNECTION_EVENTS)) {
      Reply updated = call(HttpMethod.PUT, "/connections/" + l.id() + "/credentials", app.token(),
          Map.of("credentials", Map.of("username", "user_good", "password", "pass_good")), Map.of());
      assertThat(updated.status()).as("%s", updated.body()).isEqualTo(202);
      awaitContext(app, l.id(), "Connecting", "New");
      SessionRequested reconnect = pipeline.awaitSession(l.id(), SessionKind.RECONNECT);
      assertThat(pipeline.credentials(reconnect).path("password").asString()).isEqualTo("pass_good");
      lifecycle.await(ConnectionLifecycleChanged.class,
          e -> e.getConnectionId().equals(l.id().toString()) && e.getChange() == LifecycleChange.CREDENTIALS_UPDATED,
          Duration.ofSeconds(10));

      ScriptedPipeline.Session again = pipeline.session(reconnect);
      again.emit(6);
      again.authorized(List.of("read"), ACCOUNTS);
      again.loadAndSync(true, 10, List.of("interval"), ACCOUNTS);
      awaitContext(app, l.id(), "Connected", "DataFound");
      assertThat(entity(app, l.id()).path("status").asString()).isEqualTo("ACTIVE");
      JsonNode sessions = sessions(app, l.id()).path("sessions");
      assertThat(sessions).extracting(s -> s.path("kind").asString()).containsExactly("CONNECT", "RECONNECT");
    }
  }

  @Test
  void aProviderThatIsDownIsErrorRetryLater() {
    TestApp app = createApp("down");
    Linked l = start(app, SANDBOX_BANK, "user_down", "pass_good");
    l.session().fail(7, FailureReason.PROVIDER_UNAVAILABLE, true);
    awaitContext(app, l.id(), "Error", "RetryLater");
    assertThat(entity(app, l.id()).path("status").asString()).isEqualTo("INITIATED");
    JsonNode error = awaitTransitions(app, l.id(), 2).path("sessions").get(0).path("transitions").get(1).path("error");
    assertThat(error.path("reason").asString()).isEqualTo("PROVIDER_UNAVAILABLE");
    assertThat(error.path("retryable").asBoolean()).isTrue();
  }

  @Test
  void aLoginWithNoDataIsNoDataFound() {
    TestApp app = createApp("nodata");
    Linked l = start(app, SANDBOX_UTILITY, "user_nodata", "pass_good");
    List<AccountRef> one = List.of(account("5550008001", "electricity", "interval"));
    l.session().authorized(List.of("read"), one);
    awaitContext(app, l.id(), "Connected", "ConnectedCredentials");
    l.session().loadAndSync(false, 0, List.of("interval"), one);
    JsonNode context = awaitContext(app, l.id(), "Connected", "NoDataFound");
    assertThat(context.path("numOfEntities").asInt()).isEqualTo(1);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(
        () -> assertThat(sessions(app, l.id()).path("sessions").get(0).path("outcomes"))
            .extracting(o -> o.path("type").asString()).contains("no_new_data"));
  }

  @Test
  void anExpiredConsentIsConsentExpiredAndExpiresTheConnection() {
    Linked l = dataFound("user_expired");
    ScriptedPipeline.Session refresh = refresh(l);
    refresh.emit(6);
    refresh.fail(8, FailureReason.CONSENT_EXPIRED, false);
    awaitContext(l.app(), l.id(), "Disconnected", "ConsentExpired");
    JsonNode entity = entity(l.app(), l.id());
    assertThat(entity.path("status").asString()).isEqualTo("EXPIRED");
    assertThat(entity.path("connectionState").path("disconnectedAt").isNull()).isFalse();
    assertThat(entity.path("scopes")).extracting(JsonNode::asString).containsExactly("read");
  }

  @Test
  void aBackgroundRefreshRunningOrFindingNothingNewLeavesDataFoundAndItsTimestamp() {
    Linked l = dataFound("user_good");
    JsonNode before = context(l.app(), l.id());
    ScriptedPipeline.Session refresh = refresh(l);
    adjustableClock().advance(Duration.ofDays(1));
    refresh.emit(6);
    refresh.emit(9, e -> e.setScopes(List.of("read")));
    refresh.emit(2);
    awaitTransitions(l.app(), l.id(), 14 + 3);
    assertThat(context(l.app(), l.id())).isEqualTo(before);
    refresh.emit(12);
    refresh.emit(13);
    refresh.emit(15, e -> e.setDataFound(true));
    refresh.finish(true, 0, List.of("interval"), ACCOUNTS);
    awaitTransitions(l.app(), l.id(), 14 + 14);
    assertThat(context(l.app(), l.id())).isEqualTo(before);

    ScriptedPipeline.Session next = refresh(l);
    adjustableClock().advance(Duration.ofDays(1));
    next.emit(6);
    next.emit(9);
    SessionStatusChanged synced = next.loadAndSync(true, 96, List.of("interval"), ACCOUNTS);
    JsonNode after = awaitContext(l.app(), l.id(), c -> !c.path("connection_status_timestamp").equals(before.path("connection_status_timestamp")));
    assertThat(after.path("connection_status_reason").asString()).isEqualTo("DataFound");
    assertThat(after.path("connection_status_timestamp").asString()).isEqualTo(synced.getOccurredAt().toString());
  }

  @Test
  void aRefreshRefusedForChangedCredentialsIsRepairedByNewCredentialsOnTheSameConnection() {
    Linked l = dataFound("user_good");
    ScriptedPipeline.Session refresh = refresh(l);
    refresh.emit(6);
    refresh.fail(7, FailureReason.INVALID_CREDENTIALS, false);
    refresh.reconnectionFailed(40101, ACCOUNTS);
    awaitContext(l.app(), l.id(), "Disconnected", "InvalidCredentials");
    assertThat(entity(l.app(), l.id()).path("status").asString()).isEqualTo("EXPIRED");
    JsonNode refreshed = awaitTransitions(l.app(), l.id(), 16).path("sessions").get(1);
    assertThat(refreshed.path("kind").asString()).isEqualTo("STREAM_REFRESH");

    Reply updated = call(HttpMethod.PUT, "/connections/" + l.id() + "/credentials", l.app().token(),
        Map.of("credentials", Map.of("username", "user_good", "password", "pass_new")), Map.of());
    assertThat(updated.status()).isEqualTo(202);
    ScriptedPipeline.Session reconnect = pipeline.session(pipeline.awaitSession(l.id(), SessionKind.RECONNECT));
    reconnect.emit(6);
    reconnect.authorized(List.of("read"), ACCOUNTS);
    awaitContext(l.app(), l.id(), "Connected", "ConnectedCredentials");
    assertThat(entity(l.app(), l.id()).path("status").asString()).isEqualTo("ACTIVE");
    reconnect.loadAndSync(true, 5, List.of("interval"), ACCOUNTS);
    awaitContext(l.app(), l.id(), "Connected", "DataFound");
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(
        () -> assertThat(sessions(l.app(), l.id()).path("sessions").get(1).path("outcomes"))
            .anySatisfy(o -> assertThat(o.path("code").asInt()).isEqualTo(40101)));
  }

  @Test
  void linkingTheSameLoginAgainRepairsTheConnectionInsteadOfDuplicatingIt() {
    Linked l = dataFound("user_good");
    String firstAccountId = context(l.app(), l.id()).path("entities").get(0).path("account_id").asString();
    Reply again = link(l.app(), SANDBOX_UTILITY, l.user(), "user_good", "pass_good");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("repaired").asBoolean()).isTrue();
    assertThat(again.body().path("connection_id").asString()).isEqualTo(l.id().toString());
    awaitContext(l.app(), l.id(), "Connecting", "New");

    SessionRequested repair = pipeline.awaitSession(l.id(), SessionKind.RECONNECT);
    ScriptedPipeline.Session session = pipeline.session(repair);
    session.emit(6);
    session.authorized(List.of("read"), ACCOUNTS);
    session.loadAndSync(true, 0, List.of("interval"), ACCOUNTS);
    JsonNode context = awaitContext(l.app(), l.id(), "Connected", "DataFound");
    assertThat(context.path("entities").get(0).path("account_id").asString()).isEqualTo(firstAccountId);
    assertThat(get(l.app().token(), "/connections?user_id=" + l.user()).body().path("connections")).hasSize(1);
  }

  @Test
  void disconnectingEndsTheConnectionAtOnceAndLateEventsDoNotReviveIt() {
    Linked l = dataFound("user_good");
    ScriptedPipeline.Session running = refresh(l);
    running.emit(6);
    try (TopicProbe lifecycle = new TopicProbe(Topics.CONNECTION_EVENTS)) {
      Reply deleted = call(HttpMethod.DELETE, "/connections/" + l.id(), l.app().token(), null, Map.of());
      assertThat(deleted.status()).isEqualTo(200);
      assertThat(deleted.body().path("status").asString()).isEqualTo("DISCONNECTED");
      assertThat(deleted.body().path("connectionState").path("disconnectedAt").isNull()).isFalse();
      JsonNode context = context(l.app(), l.id());
      assertThat(context.path("connection_status").asString()).isEqualTo("Disconnected");
      assertThat(context.path("connection_status_reason").asString()).isEqualTo("UserDisconnected");

      SessionRequested disconnect = pipeline.awaitSession(l.id(), SessionKind.DISCONNECT);
      assertThat(disconnect.getCredentials()).isNull();
      lifecycle.await(ConnectionLifecycleChanged.class,
          e -> e.getConnectionId().equals(l.id().toString()) && e.getChange() == LifecycleChange.DISCONNECTED, Duration.ofSeconds(10));

      running.emit(9);
      running.loadAndSync(true, 96, List.of("interval"), ACCOUNTS);
      pipeline.session(disconnect).emit(26, e -> e.setFailure(ScriptedPipeline.failure(FailureReason.USER_DISCONNECTED, false)));
      JsonNode history = Awaitility.await(l, this);
      JsonNode last = history.path("sessions").get(2).path("transitions").get(0);
      assertThat(last.path("code").asInt()).isEqualTo(26);
      assertThat(last.path("name").asString()).isEqualTo("Disconnected");
      assertThat(context(l.app(), l.id()).path("connection_status_reason").asString()).isEqualTo("UserDisconnected");
      assertThat(entity(l.app(), l.id()).path("status").asString()).isEqualTo("DISCONNECTED");

      Reply twice = call(HttpMethod.DELETE, "/connections/" + l.id(), l.app().token(), null, Map.of());
      assertThat(twice.status()).isEqualTo(200);
      Reply credentials = call(HttpMethod.PUT, "/connections/" + l.id() + "/credentials", l.app().token(),
          Map.of("credentials", Map.of("username", "user_good", "password", "x")), Map.of());
      assertThat(credentials.status()).isEqualTo(409);
    }
  }

  @Test
  void thePipelineEndingEveryOpenSessionWith26LeavesOneDisconnectionAndTheLoginCanBeLinkedAgain() {
    Linked l = dataFound("user_good");
    Reply relinked = link(l.app(), SANDBOX_UTILITY, l.user(), "user_good", "pass_good");
    assertThat(relinked.status()).isEqualTo(200);
    ScriptedPipeline.Session relink = pipeline.session(pipeline.awaitSession(l.id(), SessionKind.RECONNECT));
    relink.emit(6);
    relink.ask(PromptType.MFA_CODE, p -> {});
    ScriptedPipeline.Session running = refresh(l);
    running.emit(6);
    awaitContext(l.app(), l.id(), "Connecting", "MfaCodeRequired");

    try (TopicProbe announced = new TopicProbe(Topics.CONNECTION_EVENTS)) {
      assertThat(call(HttpMethod.DELETE, "/connections/" + l.id(), l.app().token(), null, Map.of()).status()).isEqualTo(200);
      ScriptedPipeline.Session disconnection = pipeline.session(pipeline.awaitSession(l.id(), SessionKind.DISCONNECT));
      // As the pipeline does: every session still open ends with 26, then the disconnection itself.
      for (ScriptedPipeline.Session s : List.of(relink, running, disconnection)) {
        s.emit(26, e -> e.setFailure(ScriptedPipeline.failure(FailureReason.USER_DISCONNECTED, false)));
      }

      JsonNode history = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(25))
          .until(() -> sessions(l.app(), l.id()), h -> lastCode(h, disconnection.sessionId) == 26);
      for (ScriptedPipeline.Session s : List.of(relink, running, disconnection)) {
        assertThat(lastCode(history, s.sessionId)).as("%s session ended", s.kind).isEqualTo(26);
      }
      JsonNode context = context(l.app(), l.id());
      assertThat(context.path("connection_status").asString()).isEqualTo("Disconnected");
      assertThat(context.path("connection_status_reason").asString()).isEqualTo("UserDisconnected");
      assertThat(entity(l.app(), l.id()).path("status").asString()).isEqualTo("DISCONNECTED");
      assertThat(get(l.app().token(), "/connections/" + l.id() + "/prompt").body().path("type").isNull()).isTrue();

      assertThat(link(l.app(), SANDBOX_UTILITY, l.user(), "user_good", "pass_good").status()).isEqualTo(200);
      ScriptedPipeline.Session again = pipeline.session(pipeline.awaitSession(l.id(), SessionKind.RECONNECT));
      again.emit(6);
      awaitContext(l.app(), l.id(), "Connecting", "Connecting");
      assertThat(entity(l.app(), l.id()).path("status").asString()).isEqualTo("INITIATED");
      // The outbox relays in order: once the re-link is announced, so is everything the 26s caused.
      announced.await(ConnectionStatusChanged.class, e -> e.getConnectionId().equals(l.id().toString())
          && "UserDisconnected".equals(e.getPreviousReason()), Duration.ofSeconds(20));
      assertThat(announced.events(ConnectionStatusChanged.class))
          .filteredOn(e -> e.getConnectionId().equals(l.id().toString()) && e.getConnectionStatus().equals("Disconnected"))
          .extracting(ConnectionStatusChanged::getConnectionStatusReason)
          .as("one announcement of the disconnection, from the DELETE")
          .containsExactly("UserDisconnected");
    }
  }

  /** The code of a session's last transition in the history, or -1. */
  private static int lastCode(JsonNode history, String sessionId) {
    for (JsonNode s : history.path("sessions")) {
      if (s.path("session_id").asString().equals(sessionId)) {
        JsonNode transitions = s.path("transitions");
        return transitions.isEmpty() ? -1 : transitions.get(transitions.size() - 1).path("code").asInt();
      }
    }
    return -1;
  }

  /** Waits for the disconnection's 26 to be in the history. */
  private static final class Awaitility {
    static JsonNode await(Linked l, ConnectionLifecycleTest test) {
      return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(25))
          .until(() -> test.sessions(l.app(), l.id()), s -> s.path("sessions").size() == 3
              && s.path("sessions").get(2).path("transitions").size() == 1);
    }
  }

  @Test
  void duplicateAndOutOfOrderEventsNeverMoveTheConnectionBackwards() {
    TestApp app = createApp("order");
    Linked l = start(app, SANDBOX_UTILITY, "user_good", "pass_good");
    SessionStatusChanged authorized = l.session().emit(9);
    awaitContext(app, l.id(), "Connected", "ConnectedCredentials");
    // The same event again (an at-least-once relay), and an older one arriving late.
    pipeline.republish(Topics.SESSION_STATUS, l.id().toString(), authorized);
    SessionStatusChanged older = SessionStatusChanged.newBuilder(authorized)
        .setEventId(UUID.randomUUID().toString()).setSequence(1).setCode(6).setName("Authorization").build();
    pipeline.publish(Topics.SESSION_STATUS, l.id().toString(), older);
    SessionStatusChanged loading = l.session().emit(2);
    awaitContext(app, l.id(), "Connected", "ConnectedWaitingOnDataExtraction");
    JsonNode transitions = awaitTransitions(app, l.id(), 3).path("sessions").get(0).path("transitions");
    assertThat(transitions).extracting(t -> t.path("sequence").asLong()).containsExactly(1L, 2L, 3L);
    assertThat(loading.getSequence()).isEqualTo(3);
  }
}
