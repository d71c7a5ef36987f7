package dev.feedlink.connection.connections.domain;

import static dev.feedlink.connection.connections.domain.Transitions.SESSION;
import static dev.feedlink.connection.connections.domain.Transitions.T0;
import static dev.feedlink.connection.connections.domain.Transitions.asking;
import static dev.feedlink.connection.connections.domain.Transitions.data;
import static dev.feedlink.connection.connections.domain.Transitions.extracting;
import static dev.feedlink.connection.connections.domain.Transitions.failing;
import static dev.feedlink.connection.connections.domain.Transitions.scoped;
import static dev.feedlink.connection.connections.domain.Transitions.session;
import static dev.feedlink.connection.connections.domain.Transitions.t;
import static dev.feedlink.connection.connections.domain.Transitions.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConnectionProjectionTest {

  private static final UUID REFRESH = UUID.fromString("00000000-0000-4000-8000-00000000000b");

  private static ConnectionProjection fresh() {
    return ConnectionProjection.initiated(SESSION, T0);
  }

  private static ConnectionProjection apply(ConnectionProjection p, Transition... transitions) {
    for (Transition t : transitions) {
      p = p.apply(t).projection();
    }
    return p;
  }

  /** A connection that logged in and found data, sequences 1..4. */
  private static ConnectionProjection dataFound() {
    return apply(fresh(), t(1, 6), scoped(t(2, 9), "read"), t(3, 2), data(t(4, 19), true, 10));
  }

  private static Transition refresh(Transition t) {
    return session(with(t, SessionKind.STREAM_REFRESH), REFRESH);
  }

  @Test
  void anEventNotNewerThanTheLastAppliedIsIgnored() {
    ConnectionProjection p = dataFound();
    ConnectionProjection.Applied stale = p.apply(t(3, 2));
    ConnectionProjection.Applied duplicate = p.apply(data(t(4, 19), true, 10));

    assertThat(stale).isInstanceOf(ConnectionProjection.Applied.Ignored.class);
    assertThat(stale.projection()).isEqualTo(p);
    assertThat(duplicate).isInstanceOf(ConnectionProjection.Applied.Ignored.class);
    assertThat(duplicate.projection()).isEqualTo(p);
  }

  @Test
  void eventsArrivingOutOfOrderNeverMoveTheConnectionBackwards() {
    ConnectionProjection p = apply(fresh(), t(1, 6), t(3, 9), t(2, 6));

    assertThat(p.context().reason()).isEqualTo(StatusReason.ConnectedCredentials);
    assertThat(p.state()).isEqualTo(ConnectionState.ACTIVE);
    assertThat(p.lastSequence()).isEqualTo(3);
  }

  @Test
  void aGapInSequencesIsNoReasonToWait() {
    // The pipeline's counter also numbers data outcomes, which travel on another topic.
    ConnectionProjection p = apply(fresh(), t(1, 6), t(5, 9));
    assertThat(p.context().reason()).isEqualTo(StatusReason.ConnectedCredentials);
  }

  @Test
  void theTimestampIsWhenTheDecidingTransitionHappenedAndSyncedCompletesTheJob() {
    ConnectionProjection p = apply(fresh(), t(1, 6), t(2, 9), data(t(3, 15), true, 0));
    assertThat(p.context().timestamp()).isEqualTo(T0.plusSeconds(3));
    p = apply(p, data(t(7, 19), true, 5));
    assertThat(p.context().reason()).isEqualTo(StatusReason.DataFound);
    assertThat(p.context().timestamp()).isEqualTo(T0.plusSeconds(7));
  }

  @Test
  void aBackgroundRefreshThatIsRunningLeavesAHealthyDataFoundConnectionAsItIs() {
    ConnectionProjection before = dataFound();
    ConnectionProjection p = before;
    for (Transition step : new Transition[] {t(5, 6), t(6, 9), t(7, 2), t(8, 12), t(9, 13), data(t(10, 15), false, 0),
        data(t(11, 21), false, 0), data(t(12, 16), false, 0), data(t(13, 18), false, 0), t(14, 25)}) {
      p = apply(p, refresh(step));
      assertThat(p.context()).as("after %s", step.code()).isEqualTo(before.context());
    }
    assertThat(p.state()).isEqualTo(ConnectionState.ACTIVE);
  }

  @Test
  void aBackgroundRefreshThatFoundNoNewDataLeavesDataFoundAndItsTimestamp() {
    ConnectionProjection before = dataFound();
    ConnectionProjection p = apply(before, refresh(t(5, 6)), refresh(t(6, 9)), refresh(data(t(7, 19), true, 0)));
    assertThat(p.context()).isEqualTo(before.context());
  }

  @Test
  void aBackgroundRefreshThatBroughtNewDataMovesTheTimestamp() {
    ConnectionProjection p = apply(dataFound(), refresh(t(5, 6)), refresh(data(t(6, 19), true, 96)));
    assertThat(p.context().reason()).isEqualTo(StatusReason.DataFound);
    assertThat(p.context().timestamp()).isEqualTo(T0.plusSeconds(6));
  }

  @Test
  void aBackgroundRefreshThatFindsTheFirstDataTurnsNoDataFoundIntoDataFound() {
    ConnectionProjection noData = apply(fresh(), t(1, 6), t(2, 9), data(t(3, 19), false, 0));
    assertThat(noData.context().reason()).isEqualTo(StatusReason.NoDataFound);
    ConnectionProjection running = apply(noData, refresh(data(t(4, 15), true, 0)));
    assertThat(running.context()).isEqualTo(noData.context());
    ConnectionProjection p = apply(running, refresh(data(t(5, 19), true, 24)));
    assertThat(p.context().reason()).isEqualTo(StatusReason.DataFound);
  }

  @Test
  void aBackgroundRefreshThatNeedsTheUserChangesTheConnection() {
    ConnectionProjection p = apply(dataFound(), refresh(asking(t(5, 6), PromptType.MFA_CODE)));
    assertThat(p.context().reason()).isEqualTo(StatusReason.MfaCodeRequired);
    p = apply(p, refresh(failing(t(6, 20), FailureReason.MFA_CODE_TIMEOUT, false)));
    assertThat(p.context().reason()).isEqualTo(StatusReason.MfaCodeTimeout);
    assertThat(p.state()).isEqualTo(ConnectionState.EXPIRED);
    assertThat(p.disconnectedAt()).isEqualTo(T0.plusSeconds(6));
  }

  @Test
  void aBackgroundRefreshRefusedLoginExpiresTheConnectionUntilNewCredentials() {
    ConnectionProjection p = apply(dataFound(), refresh(t(5, 6)), refresh(failing(t(6, 7), FailureReason.INVALID_CREDENTIALS, false)));
    assertThat(p.context().reason()).isEqualTo(StatusReason.InvalidCredentials);
    assertThat(p.state()).isEqualTo(ConnectionState.EXPIRED);

    UUID reconnect = UUID.randomUUID();
    p = p.sessionRequested(reconnect, T0.plusSeconds(100));
    assertThat(p.context().reason()).isEqualTo(StatusReason.New);
    assertThat(p.state()).isEqualTo(ConnectionState.EXPIRED);
    p = apply(p, session(t(7, 6), reconnect), session(t(8, 9), reconnect));
    assertThat(p.state()).isEqualTo(ConnectionState.ACTIVE);
    assertThat(p.connectedAt()).isEqualTo(T0.plusSeconds(8));
  }

  @Test
  void aBackgroundRefreshFailingAtTheProviderShowsRetryLaterButKeepsTheConnectionActive() {
    ConnectionProjection p = apply(dataFound(), refresh(failing(t(5, 11), FailureReason.PROVIDER_UNAVAILABLE, true)));
    assertThat(p.context().reason()).isEqualTo(StatusReason.RetryLater);
    assertThat(p.state()).isEqualTo(ConnectionState.ACTIVE);
  }

  @Test
  void aRefusedFirstLoginLeavesTheConnectionInitiated() {
    ConnectionProjection p = apply(fresh(), t(1, 6), failing(t(2, 7), FailureReason.INVALID_CREDENTIALS, false));
    assertThat(p.context().reason()).isEqualTo(StatusReason.InvalidCredentials);
    assertThat(p.state()).isEqualTo(ConnectionState.INITIATED);
    assertThat(p.visibleScopes()).isNull();
  }

  @Test
  void connectedAtIsWhenTheConnectionBecameActiveAndLaterAuthorizationsKeepIt() {
    ConnectionProjection p = apply(dataFound(), refresh(t(5, 9)));
    assertThat(p.connectedAt()).isEqualTo(T0.plusSeconds(2));
  }

  @Test
  void scopesAreShownOnceActiveAndAfter() {
    ConnectionProjection p = dataFound();
    assertThat(p.visibleScopes()).containsExactly("read");
    p = p.disconnected(UUID.randomUUID(), T0.plusSeconds(60));
    assertThat(p.visibleScopes()).containsExactly("read");
  }

  @Test
  void consentExpiryExpiresTheConnection() {
    ConnectionProjection p = apply(dataFound(), refresh(failing(t(5, 8), FailureReason.CONSENT_EXPIRED, false)));
    assertThat(p.context().reason()).isEqualTo(StatusReason.ConsentExpired);
    assertThat(p.state()).isEqualTo(ConnectionState.EXPIRED);
    assertThat(p.disconnectedAt()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void aDisconnectedConnectionIgnoresEverySessionButTheDisconnection() {
    UUID disconnect = UUID.randomUUID();
    Instant at = T0.plusSeconds(50);
    ConnectionProjection p = dataFound().disconnected(disconnect, at);
    assertThat(p.state()).isEqualTo(ConnectionState.DISCONNECTED);
    assertThat(p.context()).isEqualTo(new Context(StatusReason.UserDisconnected, at));

    ConnectionProjection.Applied late = p.apply(refresh(data(t(5, 19), true, 100)));
    assertThat(late).isInstanceOf(ConnectionProjection.Applied.Ignored.class);
    assertThat(late.projection().context()).isEqualTo(p.context());
    assertThat(late.projection().lastSequence()).isEqualTo(5);

    ConnectionProjection confirmed = apply(late.projection(), session(t(6, 26), disconnect));
    assertThat(confirmed.state()).isEqualTo(ConnectionState.DISCONNECTED);
    assertThat(confirmed.context().reason()).isEqualTo(StatusReason.UserDisconnected);
    assertThat(confirmed.disconnectedAt()).isEqualTo(at);
  }

  @Test
  void aDisconnectionEndingSeveralOpenSessionsWithTheirOwn26LeavesOneDisconnectedConnectionInAnyOrder() {
    UUID relink = UUID.randomUUID();
    UUID disconnect = UUID.randomUUID();
    Instant at = T0.plusSeconds(50);
    // A re-link asking for a code and a background refresh under way when the user disconnects.
    ConnectionProjection asking = apply(dataFound().sessionRequested(relink, T0.plusSeconds(20)),
        session(t(5, 6), relink), asking(session(t(6, 6), relink), PromptType.MFA_CODE), refresh(t(7, 6)));
    ConnectionProjection disconnected = asking.disconnected(disconnect, at);
    Transition relinkEnds = failing(session(t(8, 26), relink), FailureReason.USER_DISCONNECTED, false);
    Transition refreshEnds = failing(refresh(t(9, 26)), FailureReason.USER_DISCONNECTED, false);
    Transition disconnectionEnds = failing(session(t(10, 26), disconnect), FailureReason.USER_DISCONNECTED, false);

    assertThat(disconnected.apply(relinkEnds)).isInstanceOf(ConnectionProjection.Applied.Ignored.class);
    ConnectionProjection inOrder = apply(disconnected, relinkEnds, refreshEnds, disconnectionEnds);
    // The disconnection's own 26 first (its sequence is the highest), the others after: stale, ignored.
    ConnectionProjection ownFirst = apply(disconnected, disconnectionEnds, relinkEnds, refreshEnds);

    for (ConnectionProjection p : List.of(inOrder, ownFirst)) {
      assertThat(p.state()).isEqualTo(ConnectionState.DISCONNECTED);
      assertThat(p.context().reason()).isEqualTo(StatusReason.UserDisconnected);
      assertThat(p.disconnectedAt()).isEqualTo(at);
      assertThat(p.prompt()).isNull();
      assertThat(p.currentSessionOpen()).as("the disconnection has ended").isFalse();
      assertThat(p.lastSequence()).isEqualTo(10);
    }
    ConnectionProjection again = inOrder.sessionRequested(UUID.randomUUID(), T0.plusSeconds(90));
    assertThat(again.state()).isEqualTo(ConnectionState.INITIATED);
    assertThat(again.apply(failing(session(t(11, 26), relink), FailureReason.USER_DISCONNECTED, false)))
        .as("a late 26 of a session before the re-link").isInstanceOf(ConnectionProjection.Applied.Ignored.class);
  }

  @Test
  void relinkingADisconnectedConnectionStartsItAgain() {
    ConnectionProjection p = dataFound().disconnected(UUID.randomUUID(), T0.plusSeconds(50));
    UUID relink = UUID.randomUUID();
    p = p.sessionRequested(relink, T0.plusSeconds(60));
    assertThat(p.state()).isEqualTo(ConnectionState.INITIATED);
    assertThat(p.context().reason()).isEqualTo(StatusReason.New);
    p = apply(p, session(t(7, 6), relink), session(t(8, 9), relink));
    assertThat(p.state()).isEqualTo(ConnectionState.ACTIVE);
  }

  @Test
  void disconnectingTwiceChangesNothing() {
    ConnectionProjection once = dataFound().disconnected(UUID.randomUUID(), T0.plusSeconds(50));
    assertThat(once.disconnected(UUID.randomUUID(), T0.plusSeconds(80))).isSameAs(once);
  }

  @Test
  void theQuestionAskedIsKeptUntilTheSessionMovesOn() {
    ConnectionProjection p = apply(fresh(), t(1, 6), asking(t(2, 6), PromptType.MFA_CODE));
    assertThat(p.prompt().type()).isEqualTo(PromptType.MFA_CODE);
    assertThat(p.prompt().sessionId()).isEqualTo(SESSION);
    assertThat(p.prompt().lastAnswerInvalid()).isFalse();

    p = p.answered(T0.plusSeconds(3));
    assertThat(p.promptAnsweredAt()).isEqualTo(T0.plusSeconds(3));
    p = apply(p, failing(asking(t(3, 6), PromptType.MFA_CODE), FailureReason.MFA_CODE_INVALID, false));
    assertThat(p.prompt().lastAnswerInvalid()).isTrue();
    assertThat(p.promptAnsweredAt()).isNull();

    p = apply(p, t(4, 9));
    assertThat(p.prompt()).isNull();
  }

  @Test
  void aRequestedSessionForgetsTheQuestionOfThePreviousOne() {
    ConnectionProjection p = apply(fresh(), asking(t(1, 6), PromptType.SECURITY_QUESTION));
    p = p.sessionRequested(UUID.randomUUID(), T0.plusSeconds(9));
    assertThat(p.prompt()).isNull();
  }

  @Test
  void extractionStatesAreKeptPerDataTypeAndAFailureKeepsTheLastSuccess() {
    Instant first = T0.plusSeconds(4);
    ConnectionProjection p =
        apply(fresh(), extracting(data(t(4, 19), true, 5),
            new Extraction("BANK_ACCOUNT", true, "r1", first, first), new Extraction("BANK_TRANSACTION", true, "r1", first, first)));
    Instant later = T0.plusSeconds(9);
    p = apply(p, extracting(refresh(failing(t(9, 11), FailureReason.PROVIDER_UNAVAILABLE, true)),
        new Extraction("BANK_TRANSACTION", false, "r2", null, later)));

    assertThat(p.extraction().get("BANK_ACCOUNT")).isEqualTo(new Extraction("BANK_ACCOUNT", true, "r1", first, first));
    assertThat(p.extraction().get("BANK_TRANSACTION")).isEqualTo(new Extraction("BANK_TRANSACTION", false, "r2", first, later));
  }

  @Test
  void lateNewsOfAnOlderSessionDoesNotOverwriteALoginUnderWay() {
    ConnectionProjection p = dataFound();
    UUID relink = UUID.randomUUID();
    p = p.sessionRequested(relink, T0.plusSeconds(20));
    p = apply(p, refresh(data(t(5, 19), true, 40)));
    assertThat(p.context().reason()).isEqualTo(StatusReason.New);
    assertThat(p.acceptsNewsOf(REFRESH)).isFalse();
    assertThat(p.acceptsNewsOf(relink)).isTrue();

    p = apply(p, session(t(6, 6), relink), session(t(7, 9), relink), session(data(t(8, 19), true, 0), relink));
    assertThat(p.context().reason()).isEqualTo(StatusReason.DataFound);
    assertThat(p.currentSessionOpen()).isFalse();
    p = apply(p, refresh(failing(t(9, 11), FailureReason.PROVIDER_UNAVAILABLE, true)));
    assertThat(p.context().reason()).isEqualTo(StatusReason.RetryLater);
  }

  @Test
  void anUnknownStatusCodeChangesNothingButIsCounted() {
    ConnectionProjection p = dataFound();
    ConnectionProjection.Applied applied = p.apply(t(5, 99));
    assertThat(applied).isInstanceOf(ConnectionProjection.Applied.Ignored.class);
    assertThat(applied.projection().context()).isEqualTo(p.context());
    assertThat(applied.projection().lastSequence()).isEqualTo(5);
  }
}
