package dev.feedlink.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.events.DataAvailable;
import dev.feedlink.events.FailureReason;
import dev.feedlink.events.IntervalRecord;
import dev.feedlink.events.NoNewData;
import dev.feedlink.events.PromptType;
import dev.feedlink.events.ReconnectionFailed;
import dev.feedlink.events.RefreshTrigger;
import dev.feedlink.events.SessionKind;
import dev.feedlink.events.SessionStatusChanged;
import dev.feedlink.sandbox.control.domain.Settings;
import dev.feedlink.testkit.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Refreshes, Rewinds, and how sessions end other than Synced: timeouts, refused reconnections, consent, disconnection, the watchdog. */
class LaterSessionsTest extends PipelineIntegrationTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final String ELECTRICITY = "interval";

  private static String good(String suffix) {
    return "user_good_" + suffix + "-" + Long.toString(System.nanoTime(), 36);
  }

  /** The account numbers the sandbox gives user_good_<suffix>, read back from the session's AccountsLinked. */
  private static List<String> accountsOf(UUID session) {
    return PROBE.await(dev.feedlink.events.AccountsLinked.class, e -> e.getSessionId().equals(session.toString()), WAIT)
        .getAccounts().stream().map(a -> a.getAccountNumber()).toList();
  }

  private UUID refreshed(Link link, String account, String dataType) {
    return sessionOfJob(refresh(link, account, dataType, RefreshTrigger.SCHEDULED));
  }

  @Test
  void aRefreshWithNothingNewIsNoNewDataAndTheNextDaysIntervalsArriveExactlyOnce() {
    Link link = utility(good("fresh"));
    UUID first = connect(link);
    assertFinalCodes(first).isEqualTo(SYNCED_AFTER_LOGIN);
    String electricity = accountsOf(first).get(0);

    for (int i = 0; i < 2; i++) {
      UUID refresh = refreshed(link, electricity, ELECTRICITY);
      assertFinalCodes(refresh).isEqualTo(SYNCED_AFTER_LOGIN);
      assertThat(dataAvailable(refresh)).isEmpty();
      NoNewData none = PROBE.await(NoNewData.class, e -> e.getSessionId().equals(refresh.toString()), WAIT);
      assertThat(none.getAccountIds()).containsExactly(link.accountId(electricity).toString());
      assertThat(none.getDataType()).isEqualTo(ELECTRICITY);
      assertThat(none.getJobId()).isNotNull();
      assertThat(statuses(refresh).get(statuses(refresh).size() - 1).getDataFound()).isTrue();
    }

    SANDBOX.clock().advance(Duration.ofDays(1));
    UUID nextDay = refreshed(link, electricity, ELECTRICITY);
    assertFinalCodes(nextDay).isEqualTo(SYNCED_AFTER_LOGIN);
    DataAvailable arrived = dataAvailableByType(nextDay).get(ELECTRICITY);
    assertThat(arrived.getTotalNewRecords()).isEqualTo(96);
    assertThat(arrived.getInline()).isTrue();
    List<IntervalRecord> day = arrived.getAccounts().get(0).getIntervals();
    assertThat(day).hasSize(96);
    Set<LocalDate> localDays = day.stream().map(r -> r.getStartTime().atZone(NEW_YORK).toLocalDate()).collect(Collectors.toSet());
    assertThat(localDays).as("one whole local day").hasSize(1);
    assertThat(day.get(0).getStartTime().atZone(NEW_YORK).toLocalTime()).isEqualTo(java.time.LocalTime.MIDNIGHT);
    for (int i = 1; i < day.size(); i++) {
      assertThat(Duration.between(day.get(i - 1).getStartTime(), day.get(i).getStartTime())).isEqualTo(Duration.ofMinutes(15));
    }

    UUID again = refreshed(link, electricity, ELECTRICITY);
    assertFinalCodes(again).isEqualTo(SYNCED_AFTER_LOGIN);
    assertThat(dataAvailable(again)).isEmpty();
    assertThat(PROBE.await(NoNewData.class, e -> e.getSessionId().equals(again.toString()), WAIT)).isNotNull();
    assertGapFreeSequence(link.connectionId());
  }

  @Test
  void twoRefreshesOfTheSameAccountAtOnceDeliverTheNewDayOnceBetweenThem() {
    Link link = utility(good("twice"));
    UUID first = connect(link);
    assertFinalCodes(first).isEqualTo(SYNCED_AFTER_LOGIN);
    String electricity = accountsOf(first).get(0);
    SANDBOX.clock().advance(Duration.ofDays(1));

    UUID one = sessionOfJob(refresh(link, electricity, ELECTRICITY, RefreshTrigger.SCHEDULED));
    UUID other = sessionOfJob(refresh(link, electricity, ELECTRICITY, RefreshTrigger.MANUAL));

    assertFinalCodes(one).isEqualTo(SYNCED_AFTER_LOGIN);
    assertFinalCodes(other).isEqualTo(SYNCED_AFTER_LOGIN);
    List<IntervalRecord> delivered = Stream.of(one, other)
        .flatMap(s -> dataAvailable(s).stream())
        .flatMap(d -> d.getAccounts().stream())
        .flatMap(a -> a.getIntervals().stream())
        .toList();
    assertThat(delivered).hasSize(96);
    assertThat(delivered.stream().map(IntervalRecord::getStartTime)).doesNotHaveDuplicates();
    assertGapFreeSequence(link.connectionId());
  }

  @Test
  void aManualRefreshIsItsOwnKindAndCarriesItsJob() {
    Link link = utility(good("manual"));
    UUID first = connect(link);
    assertFinalCodes(first).isEqualTo(SYNCED_AFTER_LOGIN);

    String job = refresh(link, accountsOf(first).get(1), "bill", RefreshTrigger.MANUAL);
    UUID manual = sessionOfJob(job);

    assertFinalCodes(manual).isEqualTo(SYNCED_AFTER_LOGIN);
    assertThat(statuses(manual)).allSatisfy(s -> {
      assertThat(s.getSessionKind()).isEqualTo(SessionKind.MANUAL_REFRESH);
      assertThat(s.getJobId()).isEqualTo(job);
    });
    NoNewData none = PROBE.await(NoNewData.class, e -> e.getSessionId().equals(manual.toString()), WAIT);
    assertThat(none.getJobId()).isEqualTo(job);
    assertThat(none.getDataType()).isEqualTo("bill");
  }

  @Test
  void newCredentialsRepairAConnectionWhoseLoginWasRefused() {
    Link link = utility(good("repair"));
    UUID refused = connect(link, "an_old_password");
    assertFinalCodes(refused).containsExactly(6, 7);

    UUID repaired = requestSession(link, SessionKind.RECONNECT, PASSWORD, null, null);

    assertFinalCodes(repaired).isEqualTo(SYNCED_AFTER_LOGIN);
    assertThat(statuses(repaired).get(0).getSessionKind()).isEqualTo(SessionKind.RECONNECT);
    assertThat(dataAvailableByType(repaired)).containsKeys("interval", "bill");
    assertGapFreeSequence(link.connectionId());
  }

  @Test
  void anUnansweredMfaCodeTimesOutAndALateAnswerChangesNothing() {
    Link link = utility("user_mfa");
    UUID session = connect(link);
    SessionStatusChanged asked = PROBE.await(SessionStatusChanged.class,
        e -> e.getSessionId().equals(session.toString()) && e.getPrompt() != null, WAIT);

    clock.advance(Duration.ofMinutes(5).plusSeconds(1));

    assertFinalCodes(session).containsExactly(6, 6, 20);
    SessionStatusChanged timedOut = statuses(session).get(2);
    assertThat(timedOut.getName()).isEqualTo("Authorization timedout");
    assertThat(timedOut.getFailure().getReason()).isEqualTo(FailureReason.MFA_CODE_TIMEOUT);
    assertThat(timedOut.getOccurredAt()).isAfterOrEqualTo(asked.getPrompt().getExpiresAt());

    awaitConsumed(answer(link, session, PromptType.MFA_CODE, "123456"));
    assertThat(codes(session)).containsExactly(6, 6, 20);
  }

  @Test
  void anUnansweredSecurityQuestionTimesOutWithItsOwnReason() {
    Link link = utility("user_security");
    UUID session = connect(link);
    PROBE.await(SessionStatusChanged.class, e -> e.getSessionId().equals(session.toString()) && e.getPrompt() != null, WAIT);

    clock.advance(Duration.ofMinutes(6));

    assertFinalCodes(session).containsExactly(6, 6, 20);
    assertThat(statuses(session).get(2).getFailure().getReason()).isEqualTo(FailureReason.SECURITY_ANSWER_TIMEOUT);
  }

  @Test
  void aRefreshAfterThePasswordChangedFailsWith40101() throws Exception {
    String username = good("pw");
    Link link = bank(username);
    UUID first = connect(link);
    assertFinalCodes(first).isEqualTo(SYNCED_AFTER_LOGIN);
    String account = accountsOf(first).get(0);

    changePassword(username, "a_new_password");
    String job = refresh(link, account, "bank_transaction", RefreshTrigger.SCHEDULED);
    UUID refresh = sessionOfJob(job);

    assertFinalCodes(refresh).containsExactly(6, 7);
    assertThat(statuses(refresh).get(1).getFailure().getReason()).isEqualTo(FailureReason.INVALID_CREDENTIALS);
    assertThat(statuses(refresh)).allSatisfy(s -> assertThat(s.getJobId()).isEqualTo(job));
    ReconnectionFailed failed = PROBE.await(ReconnectionFailed.class, e -> e.getSessionId().equals(refresh.toString()), WAIT);
    assertThat(failed.getCode()).isEqualTo(40101);
    assertThat(failed.getJobId()).isEqualTo(job);
    assertThat(failed.getMfaRequired()).isFalse();
    assertThat(failed.getAccountIds()).containsExactly(link.accountId(account).toString());
    assertGapFreeSequence(link.connectionId());
  }

  private static void changePassword(String username, String password) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(SANDBOX.baseUrl() + "/sandbox/users/" + username + "/password"))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"password\":\"" + password + "\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(204);
  }

  @Test
  void aTrustedDeviceRefreshesWithoutMfaUntilTheTrustLapsesThenItFailsWith40102AndTimesOut() {
    Link link = utility("user_mfa");
    UUID first = connect(link);
    PROBE.await(SessionStatusChanged.class, e -> e.getSessionId().equals(first.toString()) && e.getPrompt() != null, WAIT);
    answer(link, first, PromptType.MFA_CODE, "123456");
    assertFinalCodes(first).isEqualTo(List.of(6, 6, 9, 2, 12, 13, 15, 21, 16, 16, 16, 16, 16, 18, 19));

    UUID trusted = refreshed(link, "5550000201", ELECTRICITY);
    assertFinalCodes(trusted).isEqualTo(SYNCED_AFTER_LOGIN);

    SANDBOX.clock().advance(Duration.ofDays(31));
    String job = refresh(link, "5550000201", ELECTRICITY, RefreshTrigger.SCHEDULED);
    UUID lapsed = sessionOfJob(job);
    SessionStatusChanged asked = PROBE.await(SessionStatusChanged.class,
        e -> e.getSessionId().equals(lapsed.toString()) && e.getPrompt() != null, WAIT);
    assertThat(asked.getPrompt().getType()).isEqualTo(PromptType.MFA_CODE);
    ReconnectionFailed failed = PROBE.await(ReconnectionFailed.class, e -> e.getSessionId().equals(lapsed.toString()), WAIT);
    assertThat(failed.getCode()).isEqualTo(40102);
    assertThat(failed.getMfaRequired()).isTrue();
    assertThat(failed.getMfaLastPrompt()).isEqualTo(asked.getOccurredAt());
    assertThat(failed.getMfaFailureReason()).isEqualTo("No code provided.");
    assertThat(failed.getJobId()).isEqualTo(job);

    clock.advance(Duration.ofMinutes(6));
    assertFinalCodes(lapsed).containsExactly(6, 6, 20);
  }

  @Test
  void whenTheConsentExpiresARefreshIsDeauthorized() {
    Link link = utility("user_expired");
    UUID first = connect(link);
    assertFinalCodes(first).isEqualTo(SYNCED_AFTER_LOGIN);

    SANDBOX.clock().advance(Duration.ofDays(8));
    UUID refresh = refreshed(link, "5550001001", ELECTRICITY);

    assertFinalCodes(refresh).containsExactly(6, 8);
    SessionStatusChanged deauthorized = statuses(refresh).get(1);
    assertThat(deauthorized.getName()).isEqualTo("Deauthorized");
    assertThat(deauthorized.getFailure().getReason()).isEqualTo(FailureReason.CONSENT_EXPIRED);
  }

  @Test
  void disconnectingEndsTheWaitingSessionAndLaterRefreshesAsDisconnected() {
    Link link = utility("user_mfa");
    UUID waiting = connect(link);
    PROBE.await(SessionStatusChanged.class, e -> e.getSessionId().equals(waiting.toString()) && e.getPrompt() != null, WAIT);

    UUID disconnect = requestSession(link, SessionKind.DISCONNECT, null, null, null);

    assertFinalCodes(waiting).containsExactly(6, 6, 26);
    assertFinalCodes(disconnect).containsExactly(26);
    assertThat(statuses(disconnect).get(0).getFailure().getReason()).isEqualTo(FailureReason.USER_DISCONNECTED);
    assertThat(statuses(disconnect).get(0).getName()).isEqualTo("Disconnected");

    UUID refresh = refreshed(link, "5550000201", ELECTRICITY);
    assertFinalCodes(refresh).containsExactly(26);
    assertGapFreeSequence(link.connectionId());
  }

  @Test
  void aRewindDeliversItsWindowReportingWhatWasDeliveredBeforeAsOverlap() throws Exception {
    Link link = utility(good("rewind"));
    UUID first = connect(link);
    assertFinalCodes(first).isEqualTo(SYNCED_AFTER_LOGIN);
    Instant now = clock.instant();
    Instant from = now.minus(Duration.ofDays(5));
    Instant to = now.minus(Duration.ofDays(3));

    UUID rewind = requestSession(link, SessionKind.REWIND, null, from, to, "interval");

    assertFinalCodes(rewind).isEqualTo(SYNCED_AFTER_LOGIN);
    DataAvailable window = dataAvailableByType(rewind).get("interval");
    assertThat(window.getSessionKind()).isEqualTo(SessionKind.REWIND);
    assertThat(window.getTotalNewRecords()).isZero();
    assertThat(window.getOverlappingRecords()).isEqualTo(storedIntervals(link, from, to)).isGreaterThan(2 * 96);

    // Further back than the first connection looked: all new. The provider's window is by
    // publication, so the day published first inside it starts a little before it.
    long storedBefore = storedIntervals(link, Instant.EPOCH, now.plus(Duration.ofDays(400)));
    UUID older = requestSession(link, SessionKind.REWIND, null, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(20)), "interval");
    assertFinalCodes(older).isEqualTo(SYNCED_AFTER_LOGIN);
    DataAvailable earlier = dataAvailableByType(older).get("interval");
    assertThat(earlier.getOverlappingRecords()).isZero();
    long storedAfter = storedIntervals(link, Instant.EPOCH, now.plus(Duration.ofDays(400)));
    assertThat(earlier.getTotalNewRecords()).isEqualTo(storedAfter - storedBefore)
        .isGreaterThanOrEqualTo(storedIntervals(link, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(20))));
  }

  @Test
  void aFirstConnectionWithAWindowFetchesThatWindowInsteadOfTheDefaultHistory() throws Exception {
    Link link = utility(good("window"));
    Instant now = clock.instant();
    Instant from = now.minus(Duration.ofDays(10));
    Instant to = now.minus(Duration.ofDays(3));

    UUID first = requestSession(link, SessionKind.CONNECT, PASSWORD, from, to, "interval");

    assertFinalCodes(first).isEqualTo(SYNCED_AFTER_LOGIN);
    long all = storedIntervals(link, Instant.EPOCH, now.plus(Duration.ofDays(400)));
    assertThat(storedIntervals(link, from, to)).as("electricity 15-minute and gas hourly readings of the window").isGreaterThan(6 * (96 + 24));
    // The provider publishes by day, so the day published first inside the window starts a little before it.
    assertThat(storedIntervals(link, Instant.EPOCH, from.minus(Duration.ofDays(2)))).isZero();
    assertThat(storedIntervals(link, to.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(400)))).isZero();
    assertThat(dataAvailableByType(first).get("interval").getTotalNewRecords()).isEqualTo(all);
  }

  /** Readings of the link's accounts that the pipeline stored in a window, counted straight from its table. */
  private static long storedIntervals(Link link, Instant from, Instant to) throws Exception {
    try (Connection c = TestInfrastructure.get().openJdbc();
        PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pipeline.interval_reading r JOIN pipeline.account a"
            + " ON a.account_id = r.account_id WHERE a.connection_id = ? AND r.start_time >= ? AND r.start_time < ?")) {
      s.setObject(1, link.connectionId());
      s.setTimestamp(2, Timestamp.from(from));
      s.setTimestamp(3, Timestamp.from(to));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void theWatchdogTimesOutASessionWaitingTooLongForItsCallback() {
    Settings before = SANDBOX.settings().current();
    SANDBOX.settings().update(s -> new Settings(s.slowDelay(), Duration.ofHours(1), s.consentDays(), s.deviceTrustDays(), s.retryAfter(),
        s.unavailable(), s.dataUnavailable()));
    try {
      UUID session = connect(utility("user_webhook"));
      awaitCode(session, 25);

      clock.advance(Duration.ofMinutes(16));

      assertFinalCodes(session).containsExactly(6, 9, 2, 25, 23);
      SessionStatusChanged timedOut = statuses(session).get(4);
      assertThat(timedOut.getName()).isEqualTo("Timed Out");
      assertThat(timedOut.getFailure().getReason()).isEqualTo(FailureReason.STALLED);
      assertThat(timedOut.getFailure().getRetryable()).isTrue();
    } finally {
      SANDBOX.settings().update(s -> before);
    }
  }

  @Test
  void aRequestDeliveredTwiceOrSentAgainStartsOneSession() {
    Link link = utility("user_good");
    dev.feedlink.events.SessionRequested request = sessionRequest(link, SessionKind.CONNECT, PASSWORD, null, null);
    UUID session = UUID.fromString(request.getSessionId());
    String key = link.connectionId().toString();

    publish(dev.feedlink.schemas.Topics.SESSION_COMMANDS, key, request);
    publish(dev.feedlink.schemas.Topics.SESSION_COMMANDS, key, request);
    dev.feedlink.events.SessionRequested resent = dev.feedlink.events.SessionRequested.newBuilder(request)
        .setEventId(UUID.randomUUID().toString()).build();
    publish(dev.feedlink.schemas.Topics.SESSION_COMMANDS, key, resent);

    assertFinalCodes(session).isEqualTo(SYNCED_AFTER_LOGIN);
    awaitConsumed(resent.getEventId());
    assertThat(codes(session)).isEqualTo(SYNCED_AFTER_LOGIN);
    assertThat(statuses(session).stream().map(SessionStatusChanged::getEventId).distinct()).hasSize(SYNCED_AFTER_LOGIN.size());
  }
}
