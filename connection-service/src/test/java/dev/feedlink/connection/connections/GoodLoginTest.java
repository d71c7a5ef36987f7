package dev.feedlink.connection.connections;

import static dev.feedlink.connection.support.ScriptedPipeline.SANDBOX_UTILITY;
import static dev.feedlink.connection.support.ScriptedPipeline.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.connection.support.ScriptedPipeline;
import dev.feedlink.connection.support.ServiceTest;
import dev.feedlink.events.AccountRef;
import dev.feedlink.events.ConnectionLifecycleChanged;
import dev.feedlink.events.ConnectionStatusChanged;
import dev.feedlink.events.LifecycleChange;
import dev.feedlink.events.SessionKind;
import dev.feedlink.events.SessionRequested;
import dev.feedlink.schemas.Topics;
import dev.feedlink.testkit.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** user_good: a login with no question, data found; the three views checked at every step. */
class GoodLoginTest extends ServiceTest {

  private static final List<AccountRef> ACCOUNTS =
      List.of(account("5550001001", "electricity", "interval", "bill"), account("5550001002", "gas", "interval", "bill"));

  @Test
  void aGoodLoginMovesFromNewThroughConnectedCredentialsToDataFound() {
    TestApp app = createApp("good");
    UUID user = UUID.randomUUID();
    try (TopicProbe connectionEvents = new TopicProbe(Topics.CONNECTION_EVENTS)) {
      Reply created = link(app, SANDBOX_UTILITY, user, "user_good", "pass_good");
      assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
      UUID id = UUID.fromString(created.body().path("connection_id").asString());
      assertThat(created.body().path("connection_token").asString()).startsWith("ct_");
      assertThat(created.body().path("repaired").asBoolean()).isFalse();

      // New: the first session is asked for, nothing has happened yet.
      JsonNode context = context(app, id);
      assertThat(context.path("connection_id").asString()).isEqualTo(id.toString());
      assertThat(context.path("provider").path("id").asString()).isEqualTo(SANDBOX_UTILITY.toString());
      assertThat(context.path("provider").path("name").asString()).isEqualTo("Sandbox Energy");
      assertThat(context.path("connection_status").asString()).isEqualTo("Connecting");
      assertThat(context.path("connection_status_reason").asString()).isEqualTo("New");
      assertThat(context.path("numOfEntities").asInt()).isZero();
      JsonNode entity = entity(app, id);
      assertThat(entity.path("id").asString()).isEqualTo(id.toString());
      assertThat(entity.path("app").asString()).isEqualTo(app.id().toString());
      assertThat(entity.path("dataholder").asString()).isEqualTo(SANDBOX_UTILITY.toString());
      assertThat(entity.path("user").asString()).isEqualTo(user.toString());
      assertThat(entity.path("scopes").isNull()).isTrue();
      assertThat(entity.path("metrics").isNull()).isTrue();
      assertThat(entity.path("status").asString()).isEqualTo("INITIATED");
      assertThat(entity.path("connectionState").path("status").asString()).isEqualTo("INITIATED");
      JsonNode sessions = sessions(app, id);
      assertThat(sessions.path("sessions")).hasSize(1);
      assertThat(sessions.path("sessions").get(0).path("kind").asString()).isEqualTo("CONNECT");
      assertThat(sessions.path("sessions").get(0).path("transitions")).isEmpty();

      SessionRequested request = pipeline.awaitSession(id, SessionKind.CONNECT);
      assertThat(request.getUsername()).isEqualTo("user_good");
      assertThat(request.getDataTypes()).containsExactly("interval", "bill");
      assertThat(pipeline.credentials(request).path("password").asString()).isEqualTo("pass_good");
      ScriptedPipeline.Session session = pipeline.session(request);

      session.emit(6);
      awaitContext(app, id, "Connecting", "Connecting");
      assertThat(entity(app, id).path("status").asString()).isEqualTo("INITIATED");
      assertThat(awaitTransitions(app, id, 1).path("sessions").get(0).path("transitions").get(0).path("name").asString())
          .isEqualTo("Authorization");

      session.authorized(List.of("usage:read", "bills:read"), ACCOUNTS);
      context = awaitContext(app, id, c -> c.path("connection_status_reason").asString().equals("ConnectedCredentials")
          && c.path("numOfEntities").asInt() == 2);
      assertThat(context.path("connection_status").asString()).isEqualTo("Connected");
      assertThat(context.path("entities").get(0).path("account_number").asString()).isEqualTo("5550001001");
      assertThat(context.path("entities").get(0).path("account_id").asString()).isEqualTo(ACCOUNTS.get(0).getAccountId());
      entity = entity(app, id);
      assertThat(entity.path("status").asString()).isEqualTo("ACTIVE");
      assertThat(entity.path("scopes")).extracting(JsonNode::asString).containsExactly("usage:read", "bills:read");
      assertThat(entity.path("connectionState").path("connectedAt").isNull()).isFalse();
      assertThat(entity.path("connectionState").path("disconnectedAt").isNull()).isTrue();

      session.emit(2);
      awaitContext(app, id, "Connected", "ConnectedWaitingOnDataExtraction");
      session.emit(12);
      session.emit(13);
      awaitTransitions(app, id, 5);
      assertThat(context(app, id).path("connection_status_reason").asString()).isEqualTo("ConnectedWaitingOnDataExtraction");
      session.emit(15, e -> e.setDataFound(true));
      awaitContext(app, id, "Connected", "DataFound");

      session.finish(true, 1440, List.of("interval", "bill"), ACCOUNTS);
      JsonNode history = awaitTransitions(app, id, 14);
      context = context(app, id);
      assertThat(context.path("connection_status_reason").asString()).isEqualTo("DataFound");
      JsonNode transitions = history.path("sessions").get(0).path("transitions");
      JsonNode last = transitions.get(transitions.size() - 1);
      assertThat(last.path("code").asInt()).isEqualTo(19);
      assertThat(last.path("name").asString()).isEqualTo("Synced");
      // The status timestamp is when the job that decided it completed: Synced.
      assertThat(Instant.parse(context.path("connection_status_timestamp").asString()))
          .isEqualTo(Instant.parse(last.path("timestamp").asString()));
      assertThat(transitions).filteredOn(t -> t.path("code").asInt() == 16)
          .extracting(t -> t.path("substage").asString())
          .containsExactly("Historical Data Cleaning", "Monitoring", "Forecasting", "Insights", "Benchmarking");
      entity = entity(app, id);
      assertThat(entity.path("connectionState").path("INTERVAL").path("status").asString()).isEqualTo("SUCCESS");
      assertThat(entity.path("connectionState").path("BILL").path("lastSuccess").isNull()).isFalse();

      // What connection-service announced: created, and each move of the seed-000 view, in order.
      connectionEvents.await(ConnectionLifecycleChanged.class,
          e -> e.getConnectionId().equals(id.toString()) && e.getChange() == LifecycleChange.CREATED, Duration.ofSeconds(10));
      ConnectionStatusChanged dataFound = connectionEvents.await(ConnectionStatusChanged.class,
          e -> e.getConnectionId().equals(id.toString()) && e.getConnectionStatusReason().equals("DataFound"), Duration.ofSeconds(10));
      List<String> reasons = connectionEvents.events(ConnectionStatusChanged.class).stream()
          .filter(e -> e.getConnectionId().equals(id.toString()))
          .map(ConnectionStatusChanged::getConnectionStatusReason).toList();
      assertThat(reasons).containsExactly("New", "Connecting", "ConnectedCredentials", "ConnectedWaitingOnDataExtraction", "DataFound");
      assertThat(dataFound.getSequence()).isEqualTo(5);
      assertThat(dataFound.getPreviousReason()).isEqualTo("ConnectedWaitingOnDataExtraction");
      assertThat(dataFound.getState()).isEqualTo("ACTIVE");
    }
  }
}
