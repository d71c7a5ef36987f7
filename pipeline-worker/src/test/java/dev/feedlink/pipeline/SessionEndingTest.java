package dev.feedlink.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.events.EncryptedValue;
import dev.feedlink.events.FailureReason;
import dev.feedlink.events.RefreshTrigger;
import dev.feedlink.events.SessionKind;
import dev.feedlink.events.SessionRequested;
import dev.feedlink.events.SessionStatusChanged;
import dev.feedlink.platform.crypto.Sealed;
import dev.feedlink.platform.crypto.SecretCipher;
import dev.feedlink.schemas.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * connection-service lets no other session move a connection until the one it asked for sends an
 * end status (19, 7, 8, 11, 14, 17, 20, 22, 23, 26), so every session ends, and ends once: whatever
 * its kind, however it ends, and when a disconnection ends several sessions of one connection at once.
 */
class SessionEndingTest extends PipelineIntegrationTest {

  private static final Set<Integer> END = Set.of(19, 7, 8, 11, 14, 17, 20, 22, 23, 26);

  private static String good(String suffix) {
    return "user_good_" + suffix + "-" + Long.toString(System.nanoTime(), 36);
  }

  /** The session's statuses once it ended: exactly one end status, and nothing after it. */
  private static List<Integer> endedOnce(UUID session) {
    List<Integer> codes = finalCodes(session);
    assertThat(codes.stream().filter(END::contains)).as("end statuses of %s: %s", session, describe(session)).hasSize(1);
    assertThat(codes.get(codes.size() - 1)).as("the last status of %s: %s", session, describe(session)).isIn(END);
    return codes;
  }

  /** Lets prompts expire and stalled sessions be timed out, then waits until the runners and watchdog have looked. */
  private void muchLater() {
    clock.advance(Duration.ofMinutes(20));
    assertThat(endedOnce(connect(utility(good("later"))))).last().isEqualTo(19);
  }

  @Test
  void everyKindOfSessionEndsWithExactlyOneEndStatus() throws Exception {
    Link link = utility(good("kinds"));
    UUID connect = connect(link);
    assertThat(endedOnce(connect)).last().isEqualTo(19);
    String account = PROBE.await(dev.feedlink.events.AccountsLinked.class, e -> e.getSessionId().equals(connect.toString()), WAIT)
        .getAccounts().get(0).getAccountNumber();

    UUID reconnect = requestSession(link, SessionKind.RECONNECT, PASSWORD, null, null);
    Instant now = clock.instant();
    UUID rewind = requestSession(link, SessionKind.REWIND, null, now.minus(Duration.ofDays(4)), now.minus(Duration.ofDays(2)), "interval");
    UUID stream = sessionOfJob(refresh(link, account, "interval", RefreshTrigger.SCHEDULED));
    UUID manual = sessionOfJob(refresh(link, account, "interval", RefreshTrigger.MANUAL));
    UUID refused = connect(utility(good("refused")), "not_the_password");

    for (UUID session : List.of(reconnect, rewind, stream, manual)) {
      assertThat(endedOnce(session)).last().isEqualTo(19);
    }
    assertThat(endedOnce(refused)).last().isEqualTo(7);
    muchLater();
    for (UUID session : List.of(connect, reconnect, rewind, stream, manual, refused)) {
      endedOnce(session);
    }
  }

  @Test
  void aDisconnectionEndsEveryOpenSessionOnceAndItselfOnceEvenIfSentAgain() {
    Link link = utility("user_mfa");
    UUID connect = connect(link);
    awaitPrompt(connect);
    UUID reconnect = requestSession(link, SessionKind.RECONNECT, PASSWORD, null, null);
    awaitPrompt(reconnect);
    UUID refresh = sessionOfJob(refresh(link, "5550000201", "interval", RefreshTrigger.SCHEDULED));
    awaitPrompt(refresh);

    SessionRequested disconnect = sessionRequest(link, SessionKind.DISCONNECT, null, null, null);
    publish(Topics.SESSION_COMMANDS, link.connectionId().toString(), disconnect);
    UUID disconnection = UUID.fromString(disconnect.getSessionId());

    for (UUID session : List.of(connect, reconnect, refresh, disconnection)) {
      assertThat(endedOnce(session)).as("session %s", session).last().isEqualTo(26);
    }
    SessionRequested again = SessionRequested.newBuilder(disconnect).setEventId(UUID.randomUUID().toString()).build();
    publish(Topics.SESSION_COMMANDS, link.connectionId().toString(), again);
    awaitConsumed(again.getEventId());
    muchLater();
    for (UUID session : List.of(connect, reconnect, refresh, disconnection)) {
      assertThat(endedOnce(session)).as("session %s, after its prompt would have expired", session).last().isEqualTo(26);
    }
    assertGapFreeSequence(link.connectionId());
  }

  @Test
  void aSessionWhoseCredentialsDoNotOpenEndsInErrorInsteadOfBeingLeftOpen() {
    Link link = utility(good("foreign-key"));
    // Sealed by a connection-service whose key is not this pipeline's.
    Sealed foreign = new SecretCipher("k1", Map.of("k1", SecretCipher.newKey()))
        .seal("{\"username\":\"" + link.username() + "\",\"password\":\"" + PASSWORD + "\"}", link.connectionId().toString());
    SessionRequested request = SessionRequested.newBuilder(sessionRequest(link, SessionKind.CONNECT, null, null, null))
        .setCredentials(EncryptedValue.newBuilder()
            .setKeyId(foreign.keyId())
            .setNonce(ByteBuffer.wrap(foreign.nonce()))
            .setCiphertext(ByteBuffer.wrap(foreign.ciphertext()))
            .build())
        .build();

    publish(Topics.SESSION_COMMANDS, link.connectionId().toString(), request);

    UUID session = UUID.fromString(request.getSessionId());
    assertThat(endedOnce(session)).containsExactly(7);
    SessionStatusChanged failed = statuses(session).get(0);
    assertThat(failed.getFailure().getReason()).isEqualTo(FailureReason.INTERNAL_ERROR);
    assertThat(failed.getFailure().getMessage()).contains("could not be opened").doesNotContain(PASSWORD);

    UUID retried = connect(link);
    assertThat(endedOnce(retried)).as("credentials sent again work").last().isEqualTo(19);
  }

  private static void awaitPrompt(UUID session) {
    PROBE.await(SessionStatusChanged.class, e -> e.getSessionId().equals(session.toString()) && e.getPrompt() != null, WAIT);
  }
}
