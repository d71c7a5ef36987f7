package dev.feedlink.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.events.AccountsLinked;
import dev.feedlink.events.DataAvailable;
import dev.feedlink.events.FailureReason;
import dev.feedlink.events.IntervalRecord;
import dev.feedlink.events.PromptType;
import dev.feedlink.events.RefreshTrigger;
import dev.feedlink.events.SessionStatusChanged;
import dev.feedlink.pipeline.provider.domain.Samples;
import dev.feedlink.sandbox.control.domain.Settings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Each test login of Sandbox Energy, from SessionRequested to the last status, through Kafka and PostgreSQL. */
class UtilityJourneysTest extends PipelineIntegrationTest {

  private static List<Integer> concat(List<Integer> first, List<Integer> then) {
    List<Integer> all = new ArrayList<>(first);
    all.addAll(then);
    return all;
  }

  /** What follows a login accepted after the questions: Authorized through Synced. */
  private static final List<Integer> AFTER_AUTHORIZED = SYNCED_AFTER_LOGIN.subList(1, SYNCED_AFTER_LOGIN.size());

  private static void withSettings(UnaryOperator<Settings> change, Runnable test) {
    Settings before = SANDBOX.settings().current();
    SANDBOX.settings().update(change);
    try {
      test.run();
    } finally {
      SANDBOX.settings().update(s -> before);
    }
  }

  @Test
  void aGoodLoginRunsEveryStageToSyncedAndDeliversTheIntervalsAndBills() {
    Link link = utility("user_good");
    UUID session = connect(link);

    assertFinalCodes(session).isEqualTo(SYNCED_AFTER_LOGIN);
    List<SessionStatusChanged> statuses = statuses(session);
    assertThat(statuses.stream().filter(s -> s.getCode() == 16).map(SessionStatusChanged::getSubstage)).containsExactlyElementsOf(SUBSTAGES);
    assertThat(statuses.get(1).getScopes()).isNotEmpty();
    SessionStatusChanged synced = statuses.get(statuses.size() - 1);
    assertThat(synced.getDataFound()).isTrue();
    assertThat(synced.getExtraction()).extracting(e -> e.getDataType() + "=" + e.getStatus())
        .containsExactlyInAnyOrder("INTERVAL=SUCCESS", "BILL=SUCCESS");
    AccountsLinked linked = PROBE.await(AccountsLinked.class, e -> e.getSessionId().equals(session.toString()), WAIT);
    assertThat(linked.getAccounts()).extracting(a -> a.getAccountNumber() + ":" + a.getKind())
        .containsExactly("5550000101:electricity", "5550000102:gas");
    assertThat(linked.getAccounts()).extracting(a -> a.getAccountId())
        .containsExactly(link.accountId("5550000101").toString(), link.accountId("5550000102").toString());
    DataAvailable intervals = dataAvailableByType(session).get("interval");
    // Ten days of history: at least nine whole days of 96 electricity and 24 gas readings.
    assertThat(intervals.getTotalNewRecords()).isGreaterThanOrEqualTo(9 * (96 + 24));
    assertThat(intervals.getInline()).isFalse();
    assertThat(intervals.getDataLink()).endsWith("/data/sessions/" + session + "/interval");
    assertThat(intervals.getSourceName()).isEqualTo("Sandbox Energy");
    assertThat(intervals.getSourceCountry()).isEqualTo("US");
    assertThat(intervals.getUsername()).isEqualTo("user_good");
    assertThat(synced.getNewRecords()).isEqualTo(dataAvailable(session).stream().mapToLong(DataAvailable::getTotalNewRecords).sum());
    assertGapFreeSequence(link.connectionId());
  }

  @Test
  void aWrongPasswordEndsInErrorInAuthorization() {
    UUID session = connect(utility("user_good"), "not_the_password");

    assertFinalCodes(session).containsExactly(6, 7);
    SessionStatusChanged refused = statuses(session).get(1);
    assertThat(refused.getName()).isEqualTo("Error in Authorization");
    assertThat(refused.getFailure().getReason()).isEqualTo(FailureReason.INVALID_CREDENTIALS);
    assertThat(refused.getExtraction()).allSatisfy(e -> assertThat(e.getStatus().name()).isEqualTo("FAILURE"));
  }

  @Test
  void anMfaCodeIsAskedAWrongOneAskedAgainAndTheRightOneLetsTheSessionThrough() {
    Link link = utility("user_mfa");
    UUID session = connect(link);
    SessionStatusChanged asked = PROBE.await(SessionStatusChanged.class,
        e -> e.getSessionId().equals(session.toString()) && e.getPrompt() != null, WAIT);
    assertThat(asked.getCode()).isEqualTo(6);
    assertThat(asked.getPrompt().getType()).isEqualTo(PromptType.MFA_CODE);
    assertThat(asked.getPrompt().getExpiresAt()).isEqualTo(asked.getOccurredAt().plus(Duration.ofMinutes(5)));

    answer(link, session, PromptType.MFA_CODE, "000000");
    SessionStatusChanged again = PROBE.await(SessionStatusChanged.class,
        e -> e.getSessionId().equals(session.toString()) && e.getFailure() != null, WAIT);
    assertThat(again.getCode()).isEqualTo(6);
    assertThat(again.getFailure().getReason()).isEqualTo(FailureReason.MFA_CODE_INVALID);
    assertThat(again.getPrompt().getExpiresAt()).isEqualTo(asked.getPrompt().getExpiresAt());

    answer(link, session, PromptType.MFA_CODE, "123456");
    assertFinalCodes(session).isEqualTo(concat(List.of(6, 6, 6), AFTER_AUTHORIZED));
  }

  @Test
  void aMethodChoiceIsFollowedByACodeForThatMethodAndAnUnknownMethodIsAskedAgain() {
    Link link = utility("user_mfa_choice");
    UUID session = connect(link);
    SessionStatusChanged choice = PROBE.await(SessionStatusChanged.class,
        e -> e.getSessionId().equals(session.toString()) && e.getPrompt() != null, WAIT);
    assertThat(choice.getPrompt().getType()).isEqualTo(PromptType.MFA_METHOD_CHOICE);
    assertThat(choice.getPrompt().getMfaMethods()).containsExactly("sms", "email");

    answer(link, session, PromptType.MFA_METHOD_CHOICE, "pigeon");
    SessionStatusChanged refused = PROBE.await(SessionStatusChanged.class,
        e -> e.getSessionId().equals(session.toString()) && e.getFailure() != null, WAIT);
    assertThat(refused.getPrompt().getType()).isEqualTo(PromptType.MFA_METHOD_CHOICE);
    assertThat(refused.getFailure().getReason()).isEqualTo(FailureReason.MFA_CODE_INVALID);

    answer(link, session, PromptType.MFA_METHOD_CHOICE, "sms");
    SessionStatusChanged code = PROBE.await(SessionStatusChanged.class, e -> e.getSessionId().equals(session.toString())
        && e.getPrompt() != null && e.getPrompt().getType() == PromptType.MFA_CODE, WAIT);
    assertThat(code.getCode()).isEqualTo(6);

    answer(link, session, PromptType.MFA_CODE, "123456");
    assertFinalCodes(session).isEqualTo(concat(List.of(6, 6, 6, 6), AFTER_AUTHORIZED));
  }

  @Test
  void anApprovalOnTheDeviceLetsTheSessionThrough() {
    Link link = utility("user_mfa_action");
    UUID session = connect(link);
    SessionStatusChanged asked = PROBE.await(SessionStatusChanged.class,
        e -> e.getSessionId().equals(session.toString()) && e.getPrompt() != null, WAIT);
    assertThat(asked.getPrompt().getType()).isEqualTo(PromptType.MFA_ACTION);

    answer(link, session, PromptType.MFA_ACTION, "approved");
    assertFinalCodes(session).isEqualTo(concat(List.of(6, 6), AFTER_AUTHORIZED));
  }

  @Test
  void aSecurityQuestionIsAskedWithItsTextAndAWrongAnswerAskedAgain() {
    Link link = utility("user_security");
    UUID session = connect(link);
    SessionStatusChanged asked = PROBE.await(SessionStatusChanged.class,
        e -> e.getSessionId().equals(session.toString()) && e.getPrompt() != null, WAIT);
    assertThat(asked.getPrompt().getType()).isEqualTo(PromptType.SECURITY_QUESTION);
    assertThat(asked.getPrompt().getQuestion()).isEqualTo("What is your favourite colour?");

    answer(link, session, PromptType.SECURITY_QUESTION, "green");
    SessionStatusChanged again = PROBE.await(SessionStatusChanged.class,
        e -> e.getSessionId().equals(session.toString()) && e.getFailure() != null, WAIT);
    assertThat(again.getFailure().getReason()).isEqualTo(FailureReason.SECURITY_ANSWER_INVALID);

    answer(link, session, PromptType.SECURITY_QUESTION, "Blue");
    assertFinalCodes(session).isEqualTo(concat(List.of(6, 6, 6), AFTER_AUTHORIZED));
  }

  @Test
  void theUserPicksAccountsAndOnlyThoseAreLinkedAndDelivered() {
    Link link = utility("user_select");
    UUID session = connect(link);
    SessionStatusChanged asked = PROBE.await(SessionStatusChanged.class,
        e -> e.getSessionId().equals(session.toString()) && e.getPrompt() != null, WAIT);
    assertThat(asked.getPrompt().getType()).isEqualTo(PromptType.ACCOUNT_SELECTION);
    assertThat(asked.getPrompt().getAccounts()).extracting(a -> a.getAccountNumber()).containsExactly("5550000601", "5550000602", "5550000603");

    select(link, session, List.of("5550000602"));
    assertFinalCodes(session).isEqualTo(concat(List.of(6, 6), AFTER_AUTHORIZED));
    AccountsLinked linked = PROBE.await(AccountsLinked.class, e -> e.getSessionId().equals(session.toString()), WAIT);
    assertThat(linked.getAccounts()).extracting(a -> a.getAccountNumber()).containsExactly("5550000602");
    assertThat(dataAvailable(session)).allSatisfy(d -> assertThat(d.getAccounts()).extracting(a -> a.getAccountNumber())
        .containsExactly("5550000602"));
  }

  @Test
  void aLoginWithNoDataEndsSyncedWithNoDataFoundAndNoNewData() {
    UUID session = connect(utility("user_nodata"));

    assertFinalCodes(session).isEqualTo(SYNCED_AFTER_LOGIN);
    SessionStatusChanged structured = statuses(session).stream().filter(s -> s.getCode() == 15).findFirst().orElseThrow();
    assertThat(structured.getDataFound()).isFalse();
    assertThat(dataAvailable(session)).isEmpty();
    assertThat(PROBE.await(dev.feedlink.events.NoNewData.class, e -> e.getSessionId().equals(session.toString()), WAIT)).isNotNull();
  }

  @Test
  void aProviderThatAnswers503IsRetriedThenReportedUnavailableAndRetryable() {
    UUID session = connect(utility("user_down"));

    assertFinalCodes(session).containsExactly(6, 7);
    SessionStatusChanged failed = statuses(session).get(1);
    assertThat(failed.getFailure().getReason()).isEqualTo(FailureReason.PROVIDER_UNAVAILABLE);
    assertThat(failed.getFailure().getRetryable()).isTrue();
    assertThat(failed.getFailure().getMessage()).contains("503 after retries");
  }

  @Test
  void aSlowProviderWithinTheTimeoutIsWaitedFor() {
    withSettings(s -> new Settings(Duration.ofMillis(800), s.webhookDelay(), s.consentDays(), s.deviceTrustDays(), s.retryAfter(),
        s.unavailable(), s.dataUnavailable()), () -> {
      UUID session = connect(utility("user_slow"));
      assertFinalCodes(session).isEqualTo(SYNCED_AFTER_LOGIN);
    });
  }

  @Test
  void aProviderSlowerThanTheTimeoutIsUnavailable() {
    withSettings(s -> new Settings(Duration.ofSeconds(8), s.webhookDelay(), s.consentDays(), s.deviceTrustDays(), s.retryAfter(),
        s.unavailable(), s.dataUnavailable()), () -> {
      UUID session = connect(utility("user_slow"));
      assertFinalCodes(session).containsExactly(6, 7);
      assertThat(statuses(session).get(1).getFailure().getMessage()).contains("did not answer in time");
    });
  }

  @Test
  void anAggregatorThatCallsBackIsWaitedForInWaitingForWebhook() {
    UUID session = connect(utility("user_webhook"));

    assertFinalCodes(session).containsExactly(6, 9, 2, 25, 12, 13, 15, 21, 16, 16, 16, 16, 16, 18, 19);
  }

  @Test
  void aMalformedFeedIsALoadingErrorSayingWhatIsWrong() {
    UUID session = connect(utility("user_malformed"));

    assertFinalCodes(session).containsExactly(6, 9, 2, 11);
    SessionStatusChanged failed = statuses(session).get(3);
    assertThat(failed.getFailure().getReason()).isEqualTo(FailureReason.MALFORMED_DATA);
    assertThat(failed.getFailure().getMessage()).contains("not well-formed XML");
  }

  @Test
  void theSampleFilesArriveWholeAndARefreshBringsExactlyTheNineNewDays() {
    Link link = utility("user_sample");
    UUID first = connect(link);
    assertFinalCodes(first).isEqualTo(SYNCED_AFTER_LOGIN);
    DataAvailable firstIntervals = dataAvailableByType(first).get("interval");
    assertThat(firstIntervals.getTotalNewRecords()).isEqualTo(480);
    assertThat(dataAvailableByType(first).get("bill").getTotalNewRecords()).isEqualTo(1);

    String job = refresh(link, "5446AF3F", "interval", RefreshTrigger.SCHEDULED);
    UUID second = sessionOfJob(job);
    assertFinalCodes(second).isEqualTo(SYNCED_AFTER_LOGIN);
    DataAvailable nine = dataAvailableByType(second).get("interval");
    assertThat(nine.getJobId()).isEqualTo(job);
    assertThat(nine.getTotalNewRecords()).isEqualTo(860);
    assertThat(nine.getInline()).isFalse();
    assertThat(statuses(second).get(statuses(second).size() - 1).getNewRecords()).isEqualTo(860);
  }

  @Test
  void aSmallDeliveryCarriesItsRecordsInlineWithTheSampleValues() {
    Link link = utility("user_sample");
    UUID session = requestSession(link, dev.feedlink.events.SessionKind.CONNECT, PASSWORD, null, null, "bill");
    assertFinalCodes(session).isEqualTo(SYNCED_AFTER_LOGIN);

    DataAvailable bill = dataAvailableByType(session).get("bill");
    assertThat(bill.getInline()).isTrue();
    assertThat(bill.getAccounts().get(0).getBills()).singleElement().satisfies(b -> {
      assertThat(b.getAmount()).isEqualTo("152.52");
      assertThat(b.getCurrency()).isEqualTo("USD");
      assertThat(new BigDecimal(b.getUsage())).isEqualByComparingTo(new BigDecimal(firstValue("overallConsumptionLastPeriod")).movePointLeft(3));
    });
    assertThat(dataAvailableByType(session)).doesNotContainKey("interval");
  }

  private static String firstValue(String element) {
    Matcher m = Pattern.compile("<" + element + ">.*?<value>(\\d+)</value>", Pattern.DOTALL).matcher(Samples.text("greenbutton/test_usage_data_1.xml"));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  static Stream<IntervalRecord> intervals(DataAvailable d) {
    return d.getAccounts().stream().flatMap(a -> a.getIntervals().stream());
  }
}
