package dev.feedlink.connection.connections.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RewindReadinessTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final UUID CURRENT = UUID.fromString("00000000-0000-4000-8000-0000000000c1");
  private static final UUID REFRESH = UUID.fromString("00000000-0000-4000-8000-0000000000f1");

  private static Connection connection(ConnectionState state, StatusReason reason, Prompt prompt, boolean sessionOpen) {
    ConnectionProjection p = new ConnectionProjection(
        state, new Context(reason, T0), T0, null, List.of("read"), Map.of(), prompt, null, CURRENT, sessionOpen, 12);
    return new Connection(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "user_good", null, null, true,
        T0, p, List.of());
  }

  private static String refusal(Connection c, List<UUID> unfinished) {
    RewindReadiness readiness = RewindReadiness.of(c, unfinished);
    assertThat(readiness).isInstanceOf(RewindReadiness.Refused.class);
    return ((RewindReadiness.Refused) readiness).why();
  }

  @Test
  void aSettledConnectedConnectionRunningNothingIsReady() {
    assertThat(RewindReadiness.of(connection(ConnectionState.ACTIVE, StatusReason.DataFound, null, false), List.of()))
        .isInstanceOf(RewindReadiness.Ready.class);
    assertThat(RewindReadiness.of(connection(ConnectionState.ACTIVE, StatusReason.RetryLater, null, false), List.of()))
        .as("a provider that was down is worth another try").isInstanceOf(RewindReadiness.Ready.class);
  }

  @Test
  void aDisconnectedConnectionIsRefusedAndToldToLinkAgain() {
    assertThat(refusal(connection(ConnectionState.DISCONNECTED, StatusReason.UserDisconnected, null, true), List.of()))
        .contains("is disconnected").contains("POST /connections");
  }

  @Test
  void aConnectionAskingItsUserIsRefusedNamingTheQuestion() {
    Prompt mfa = new Prompt(CURRENT, PromptType.MFA_CODE, null, List.of(), List.of(), T0.plusSeconds(300), false);
    assertThat(refusal(connection(ConnectionState.ACTIVE, StatusReason.MfaCodeRequired, mfa, true), List.of()))
        .contains("waiting for its user to answer mfa_code");
  }

  @Test
  void aFirstLoginUnderWayIsStillConnecting() {
    assertThat(refusal(connection(ConnectionState.INITIATED, StatusReason.Connecting, null, true), List.of()))
        .contains("still connecting (session " + CURRENT + ")");
  }

  @Test
  void aSessionThisServiceAskedForIsRunningUntilItEnds() {
    assertThat(refusal(connection(ConnectionState.ACTIVE, StatusReason.ConnectedWaitingOnDataExtraction, null, true), List.of()))
        .contains("has session " + CURRENT + " running");
  }

  @Test
  void aBackgroundRefreshStillRunningIsRefusedNamingIt() {
    assertThat(refusal(connection(ConnectionState.ACTIVE, StatusReason.DataFound, null, false), List.of(REFRESH)))
        .contains("has session " + REFRESH + " running");
  }

  @Test
  void aConnectionThatNeedsNewCredentialsOrNeverConnectedIsRefused() {
    assertThat(refusal(connection(ConnectionState.EXPIRED, StatusReason.InvalidCredentials, null, false), List.of()))
        .contains("needs its user (InvalidCredentials)").contains("PUT /connections/");
    assertThat(refusal(connection(ConnectionState.INITIATED, StatusReason.InvalidCredentials, null, false), List.of()))
        .contains("needs its user");
    assertThat(refusal(connection(ConnectionState.INITIATED, StatusReason.Error, null, false), List.of()))
        .contains("has never connected");
  }
}
