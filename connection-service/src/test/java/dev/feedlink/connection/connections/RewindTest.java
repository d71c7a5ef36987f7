package dev.feedlink.connection.connections;

import static dev.feedlink.connection.support.ScriptedPipeline.SANDBOX_UTILITY;
import static dev.feedlink.connection.support.ScriptedPipeline.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.connection.support.ScriptedPipeline;
import dev.feedlink.connection.support.ServiceTest;
import dev.feedlink.events.AccountRef;
import dev.feedlink.events.FailureReason;
import dev.feedlink.events.PromptType;
import dev.feedlink.events.SessionKind;
import dev.feedlink.events.SessionRequested;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /connections/{id}/rewind}: a past window fetched again for a connection that exists,
 * asked of the pipeline with the stored credentials, and what it delivered, overlap included, in
 * the session history.
 */
class RewindTest extends ServiceTest {

  private static final List<AccountRef> ACCOUNTS = List.of(account("5550007001", "electricity", "interval", "bill"));

  private record Linked(TestApp app, UUID id, ScriptedPipeline.Session first) {}

  /** A connection whose first session is under way (6 Authorization, no answer yet). */
  private Linked connecting(String name) {
    TestApp app = createApp(name);
    Reply created = link(app, SANDBOX_UTILITY, UUID.randomUUID(), "user_good", "pass_good");
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    UUID id = UUID.fromString(created.body().path("connection_id").asString());
    ScriptedPipeline.Session session = pipeline.session(pipeline.awaitSession(id, SessionKind.CONNECT));
    session.emit(6);
    awaitContext(app, id, "Connecting", "Connecting");
    return new Linked(app, id, session);
  }

  /** A connection that logged in and delivered its first data. */
  private Linked connected(String name) {
    Linked l = connecting(name);
    l.first().authorized(List.of("read"), ACCOUNTS);
    l.first().loadAndSync(true, 100, List.of("interval"), ACCOUNTS);
    awaitContext(l.app(), l.id(), "Connected", "DataFound");
    awaitTransitions(l.app(), l.id(), 14);
    return l;
  }

  private Reply rewind(Linked l, Object from, Object to) {
    return rewind(l.app(), l.id(), from, to, Map.of());
  }

  private Reply rewind(TestApp app, UUID id, Object from, Object to, Map<String, String> headers) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (from != null) {
      body.put("rewind_from", from.toString());
    }
    if (to != null) {
      body.put("rewind_to", to.toString());
    }
    return call(HttpMethod.POST, "/connections/" + id + "/rewind", app.token(), body, headers);
  }

  private static void assertConflict(Reply reply, String why) {
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(409);
    assertThat(reply.body().path("detail").asString()).contains(why);
  }

  @Test
  void aRewindIsAcceptedAndAsksThePipelineForItsWindowWithTheStoredCredentials() {
    Linked l = connected("rewind-accepted");
    Instant from = clock.instant().minus(Duration.ofDays(400)).truncatedTo(ChronoUnit.MILLIS);
    Instant to = clock.instant().minus(Duration.ofDays(360)).truncatedTo(ChronoUnit.MILLIS);

    Reply accepted = rewind(l, from, to);

    assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(202);
    JsonNode body = accepted.body();
    assertThat(body.path("connection_id").asString()).isEqualTo(l.id().toString());
    assertThat(body.path("kind").asString()).isEqualTo("REWIND");
    assertThat(Instant.parse(body.path("rewind_from").asString())).isEqualTo(from);
    assertThat(Instant.parse(body.path("rewind_to").asString())).isEqualTo(to);
    assertThat(body.path("status").asString()).isEqualTo("requested");
    String sessionId = body.path("session_id").asString();

    SessionRequested request = pipeline.awaitSession(l.id(), SessionKind.REWIND);
    assertThat(request.getSessionId()).isEqualTo(sessionId);
    assertThat(request.getRewindFrom()).isEqualTo(from);
    assertThat(request.getRewindTo()).isEqualTo(to);
    assertThat(request.getDataTypes()).containsExactlyInAnyOrder("interval", "bill");
    assertThat(pipeline.credentials(request).path("username").asString()).isEqualTo("user_good");
    assertThat(pipeline.credentials(request).path("password").asString()).isEqualTo("pass_good");

    JsonNode rewound = sessions(l.app(), l.id()).path("sessions").get(1);
    assertThat(rewound.path("session_id").asString()).isEqualTo(sessionId);
    assertThat(rewound.path("kind").asString()).isEqualTo("REWIND");
    assertThat(Instant.parse(rewound.path("rewind_from").asString())).isEqualTo(from);
    assertThat(Instant.parse(rewound.path("rewind_to").asString())).isEqualTo(to);
    assertThat(sessions(l.app(), l.id()).path("sessions").get(0).has("rewind_from")).as("only a Rewind has a window").isFalse();
  }

  @Test
  void whatTheRewindDeliveredIsInTheHistoryWithItsOverlapAndTheConnectionIsConnectedAgain() {
    Linked l = connected("rewind-outcome");
    assertThat(rewind(l, clock.instant().minus(Duration.ofDays(10)), null).status()).isEqualTo(202);
    ScriptedPipeline.Session rewind = pipeline.session(pipeline.awaitSession(l.id(), SessionKind.REWIND));
    rewind.emit(6);
    rewind.authorized(List.of("read"), ACCOUNTS);
    rewind.loadAndSyncRewind(96, 864, "interval", ACCOUNTS);

    awaitContext(l.app(), l.id(), "Connected", "DataFound");
    JsonNode session =
        org.awaitility.Awaitility.await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> sessions(l.app(), l.id()).path("sessions").get(1), s -> s.path("outcomes").toString().contains("data_available"));
    JsonNode delivered = null;
    for (JsonNode o : session.path("outcomes")) {
      if (o.path("type").asString().equals("data_available")) {
        delivered = o;
      }
    }
    assertThat(delivered.path("count").asLong()).isEqualTo(96);
    assertThat(delivered.path("overlapping_records").asLong()).isEqualTo(864);
    JsonNode first = sessions(l.app(), l.id()).path("sessions").get(0).path("outcomes");
    assertThat(first.toString()).as("a first connection repeats nothing").doesNotContain("overlapping_records");
    // Ended, the Rewind no longer stands in the way of the next one.
    assertThat(rewind(l, clock.instant().minus(Duration.ofDays(3)), null).status()).isEqualTo(202);
  }

  @Test
  void rewindToDefaultsToNowByTheServicesClock() {
    Linked l = connected("rewind-to-now");
    Instant before = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Reply accepted = rewind(l, before.minus(Duration.ofDays(30)), null);
    Instant after = clock.instant();
    assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(202);
    assertThat(Instant.parse(accepted.body().path("rewind_to").asString())).isBetween(before, after);
    assertThat(pipeline.awaitSession(l.id(), SessionKind.REWIND).getRewindTo())
        .isEqualTo(Instant.parse(accepted.body().path("rewind_to").asString()));
  }

  @Test
  void aWindowThatIsMissingMalformedInTheFutureOrBackwardsIsABadRequestNamingTheField() {
    Linked l = connected("rewind-bad");
    Instant now = clock.instant();
    Map<String, Reply> bad = new LinkedHashMap<>();
    bad.put("missing", rewind(l, null, now));
    bad.put("malformed", rewind(l, "last tuesday", null));
    bad.put("future", rewind(l, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2))));
    bad.put("backwards", rewind(l, now.minus(Duration.ofDays(1)), now.minus(Duration.ofDays(2))));
    bad.put("empty", rewind(l, now.minus(Duration.ofDays(1)), now.minus(Duration.ofDays(1))));
    bad.forEach((what, reply) -> {
      assertThat(reply.status()).as("%s: %s", what, reply.body()).isEqualTo(400);
      assertThat(reply.body().path("field").asString()).as(what).isEqualTo("rewind_from");
      assertThat(reply.headers().getContentType()).hasToString("application/problem+json");
    });
    Reply malformedTo = rewind(l, now.minus(Duration.ofDays(1)), "tomorrow");
    assertThat(malformedTo.status()).isEqualTo(400);
    assertThat(malformedTo.body().path("field").asString()).isEqualTo("rewind_to");
    assertThat(pipeline.commandsFor(l.id())).noneMatch(c -> c instanceof SessionRequested r && r.getKind() == SessionKind.REWIND);
  }

  @Test
  void anotherAppsConnectionOrAnUnknownOneIsNotFound() {
    Linked l = connected("rewind-owner");
    TestApp other = createApp("rewind-other");
    Instant from = clock.instant().minus(Duration.ofDays(5));
    assertThat(rewind(other, l.id(), from, null, Map.of()).status()).isEqualTo(404);
    assertThat(rewind(l.app(), UUID.randomUUID(), from, null, Map.of()).status()).isEqualTo(404);
  }

  @Test
  void aConnectionStillConnectingOrWaitingForItsUserCannotRewind() {
    Linked connecting = connecting("rewind-connecting");
    Instant from = clock.instant().minus(Duration.ofDays(5));
    assertConflict(rewind(connecting, from, null), "still connecting");

    connecting.first().ask(PromptType.MFA_CODE, p -> p.setQuestion("code?"));
    awaitContext(connecting.app(), connecting.id(), "Connecting", "MfaCodeRequired");
    assertConflict(rewind(connecting, from, null), "waiting for its user to answer mfa_code");

    Linked refused = connecting("rewind-refused");
    refused.first().fail(7, FailureReason.INVALID_CREDENTIALS, false);
    awaitContext(refused.app(), refused.id(), "Disconnected", "InvalidCredentials");
    assertConflict(rewind(refused, from, null), "needs its user (InvalidCredentials)");
  }

  @Test
  void aConnectionRunningAnotherSessionCannotRewindUntilItEnds() {
    Linked l = connected("rewind-busy");
    Instant from = clock.instant().minus(Duration.ofDays(5));
    ScriptedPipeline.Session refresh = pipeline.refresh(l.app().id(), l.id(), SANDBOX_UTILITY);
    refresh.emit(6);
    awaitTransitions(l.app(), l.id(), 15);
    assertConflict(rewind(l, from, null), "has session " + refresh.sessionId + " running");

    refresh.emit(9);
    refresh.loadAndSync(true, 0, List.of("interval"), ACCOUNTS);
    awaitTransitions(l.app(), l.id(), 28);
    assertThat(rewind(l, from, null).status()).isEqualTo(202);
    SessionRequested running = pipeline.awaitSession(l.id(), SessionKind.REWIND);
    assertConflict(rewind(l, from, null), "has session " + running.getSessionId() + " running");
  }

  @Test
  void aDisconnectedConnectionCannotRewind() {
    Linked l = connected("rewind-disconnected");
    assertThat(call(HttpMethod.DELETE, "/connections/" + l.id(), l.app().token(), null, Map.of()).status()).isEqualTo(200);
    assertConflict(rewind(l, clock.instant().minus(Duration.ofDays(5)), null), "is disconnected");
  }

  @Test
  void theSameIdempotencyKeyStartsOneRewindAndAnswersTheSame() {
    Linked l = connected("rewind-idempotent");
    Instant from = clock.instant().minus(Duration.ofDays(5));
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

    Reply first = rewind(l.app(), l.id(), from, null, key);
    Reply retry = rewind(l.app(), l.id(), from, null, key);

    assertThat(first.status()).as("%s", first.body()).isEqualTo(202);
    assertThat(retry.status()).isEqualTo(202);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(retry.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
    SessionRequested only = pipeline.awaitSession(l.id(), SessionKind.REWIND);
    assertThat(only.getSessionId()).isEqualTo(first.body().path("session_id").asString());
    assertThat(pipeline.commandsFor(l.id()))
        .filteredOn(c -> c instanceof SessionRequested r && r.getKind() == SessionKind.REWIND)
        .containsExactly(only);

    Reply otherWindow = rewind(l.app(), l.id(), from.minus(Duration.ofDays(1)), null, key);
    assertThat(otherWindow.status()).isEqualTo(422);
    assertThat(otherWindow.body().path("field").asString()).isEqualTo("Idempotency-Key");
  }
}
