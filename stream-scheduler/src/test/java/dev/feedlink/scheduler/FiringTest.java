package dev.feedlink.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.feedlink.events.LifecycleChange;
import dev.feedlink.events.RefreshJobRequested;
import dev.feedlink.events.StreamAttemptRecorded;
import dev.feedlink.events.StreamScheduleChanged;
import dev.feedlink.platform.time.AdjustableClock;
import dev.feedlink.scheduler.firing.FiringLoop;
import dev.feedlink.scheduler.support.Pipeline;
import dev.feedlink.scheduler.support.StreamApi;
import dev.feedlink.schemas.Topics;
import dev.feedlink.testkit.IntegrationTest;
import dev.feedlink.testkit.TopicProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Schedules firing on the scheduler's clock, and the pipeline's answers (played here by publishing
 * its outcome events to the real Kafka) moving them on: missed runs, skipped runs, lost jobs,
 * credential backoff and its end, next bill dates, disconnection.
 */
@IntegrationTest
class FiringTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static Pipeline pipeline;
  private static TopicProbe probe;

  @Autowired WebTestClient client;
  @Autowired Clock clock;
  @Autowired FiringLoop firingLoop;

  @BeforeAll
  static void start() {
    pipeline = new Pipeline();
    probe = new TopicProbe(Topics.REFRESH_JOBS, Topics.STREAM_EVENTS);
  }

  @AfterAll
  static void stop() {
    pipeline.close();
    probe.close();
  }

  private StreamApi api() {
    return new StreamApi(client);
  }

  private AdjustableClock adjustable() {
    return (AdjustableClock) clock;
  }

  private void advanceTo(Instant instant) {
    Instant now = clock.instant();
    if (instant.isAfter(now)) {
      adjustable().advance(Duration.between(now, instant));
    }
  }

  private Pipeline.Connection scheduled(Map<String, Object> body) {
    Pipeline.Connection c = pipeline.connect(UUID.randomUUID(), true, "123456789");
    String id = c.account().accountId().toString();
    await().atMost(WAIT).until(() -> api().statusCode(c.appId(), id) == 200);
    api().post(c.appId(), "/accounts/" + id + "/stream", body).expectStatus().isOk();
    return c;
  }

  private JsonNode status(Pipeline.Connection c) {
    return api().status(c.appId(), c.account().accountId().toString());
  }

  private Instant nextRefresh(Pipeline.Connection c) {
    return Instant.parse(status(c).path("schedule").path("next_refresh").asString());
  }

  private List<RefreshJobRequested> jobs(Pipeline.Connection c) {
    String id = c.account().accountId().toString();
    return probe.events(RefreshJobRequested.class).stream().filter(j -> j.getAccountId().equals(id)).toList();
  }

  private RefreshJobRequested awaitJob(Pipeline.Connection c, int number) {
    return await().atMost(WAIT).until(() -> jobs(c), l -> l.size() >= number).get(number - 1);
  }

  private List<StreamAttemptRecorded> attempts(Pipeline.Connection c) {
    String id = c.account().accountId().toString();
    return probe.events(StreamAttemptRecorded.class).stream().filter(a -> a.getAccountId().equals(id)).toList();
  }

  private StreamAttemptRecorded awaitAttempt(Pipeline.Connection c, String result) {
    return await().atMost(WAIT).until(
        () -> attempts(c).stream().filter(a -> a.getAttemptResult().equals(result)).findFirst(),
        java.util.Optional::isPresent).orElseThrow();
  }

  @Test
  void aDueScheduleFiresOneRefreshJobAndMovesToItsNextRun() {
    Pipeline.Connection c = scheduled(Map.of("schedule", "daily", "data_type", "interval"));
    Instant due = nextRefresh(c);
    assertThat(due.atZone(ZoneOffset.UTC).toLocalTime()).isEqualTo(java.time.LocalTime.MIDNIGHT);

    advanceTo(due.plusSeconds(1));
    RefreshJobRequested job = awaitJob(c, 1);

    assertThat(job.getTrigger().name()).isEqualTo("SCHEDULED");
    assertThat(job.getScheduledFor()).isEqualTo(due);
    assertThat(job.getDataType()).isEqualTo("interval");
    assertThat(job.getConnectionId()).isEqualTo(c.connectionId().toString());
    JsonNode status = status(c);
    assertThat(Instant.parse(status.path("schedule").path("next_refresh").asString())).isEqualTo(due.plus(Duration.ofDays(1)));
    assertThat(status.path("last_attempt").path("result").asString()).isEqualTo("in_progress");
    assertThat(status.path("last_attempt").path("job_id").asString()).isEqualTo(job.getJobId());

    // The pipeline answers: fresh data. The attempt is recorded and the account is free again.
    pipeline.dataAvailable(c, job.getJobId(), c.account(), 96, null);
    StreamAttemptRecorded recorded = awaitAttempt(c, "success");
    assertThat(recorded.getFreshDataRetrieved()).isTrue();
    assertThat(recorded.getJobId()).isEqualTo(job.getJobId());
    assertThat(recorded.getNextScheduledAttempt()).isEqualTo(due.plus(Duration.ofDays(1)));
    JsonNode after = status(c);
    assertThat(after.path("last_attempt").path("result").asString()).isEqualTo("success");
    assertThat(after.path("last_attempt").path("fresh_data_retrieved").asBoolean()).isTrue();
    assertThat(jobs(c)).hasSize(1);
  }

  @Test
  void aSchedulerThatWasDownFiresAMissedRunOnceSayingHowLateAndGoesOnFromNow() {
    Pipeline.Connection c = scheduled(Map.of("schedule", "daily", "data_type", "interval"));
    Instant due = nextRefresh(c);
    firingLoop.stop();
    try {
      // Down for three days and five hours past the due run: three more runs came due meanwhile.
      advanceTo(due.plus(Duration.ofDays(3)).plus(Duration.ofHours(5)));
    } finally {
      firingLoop.start();
    }
    RefreshJobRequested job = awaitJob(c, 1);
    assertThat(job.getScheduledFor()).isEqualTo(due);
    assertThat(job.getLateByMillis()).isGreaterThanOrEqualTo(Duration.ofDays(3).plusHours(5).toMillis());
    assertThat(nextRefresh(c)).isEqualTo(due.plus(Duration.ofDays(4)));
    pipeline.noNewData(c, job.getJobId(), c.account());
    StreamAttemptRecorded recorded = awaitAttempt(c, "no_new_data");
    assertThat(recorded.getLateByMillis()).isEqualTo(job.getLateByMillis());
    assertThat(recorded.getFreshDataRetrieved()).isFalse();
    assertThat(recorded.getLastRefresh()).isNotNull();
    assertThat(jobs(c)).hasSize(1);
  }

  @Test
  void aRunDueWhileTheLastRefreshIsInFlightIsRecordedAsSkippedNotStacked() {
    Pipeline.Connection c = scheduled(Map.of("schedule", "daily", "data_type", "interval"));
    Instant due = nextRefresh(c);
    advanceTo(due.minus(Duration.ofMinutes(10)));
    String path = "/accounts/" + c.account().accountId() + "/stream/refresh";
    String manual = api().read(api().post(c.appId(), path, null).expectStatus().isAccepted()).path("job_id").asString();
    awaitJob(c, 1);

    advanceTo(due.plusSeconds(1));
    StreamAttemptRecorded skipped = awaitAttempt(c, "skipped");
    assertThat(Instant.ofEpochMilli(skipped.getLateByMillis())).isNotNull();
    assertThat(skipped.getNextScheduledAttempt()).isEqualTo(due.plus(Duration.ofDays(1)));
    assertThat(nextRefresh(c)).isEqualTo(due.plus(Duration.ofDays(1)));
    assertThat(status(c).path("last_attempt").path("job_id").asString()).isEqualTo(manual);
    assertThat(jobs(c)).hasSize(1);

    // Once the manual refresh is answered, the next run fires as usual.
    pipeline.noNewData(c, manual, c.account());
    awaitAttempt(c, "no_new_data");
    advanceTo(due.plus(Duration.ofDays(1)).plusSeconds(1));
    assertThat(awaitJob(c, 2).getTrigger().name()).isEqualTo("SCHEDULED");
  }

  @Test
  void aRefreshWithoutOutcomeWithinTheInFlightTimeoutIsRecordedAsFailedAndTheNextRunFires() {
    Pipeline.Connection c = scheduled(Map.of("schedule", "daily", "data_type", "interval"));
    Instant due = nextRefresh(c);
    advanceTo(due.plusSeconds(1));
    RefreshJobRequested lost = awaitJob(c, 1);

    advanceTo(due.plus(Duration.ofDays(1)).plusSeconds(1));
    RefreshJobRequested second = awaitJob(c, 2);
    StreamAttemptRecorded failed = awaitAttempt(c, "failed");
    assertThat(failed.getJobId()).isEqualTo(lost.getJobId());
    assertThat(second.getJobId()).isNotEqualTo(lost.getJobId());
    assertThat(status(c).path("last_attempt").path("job_id").asString()).isEqualTo(second.getJobId());
  }

  @Test
  void aRefreshSessionThatEndsInAnErrorEndsItsJobAsFailed() {
    Pipeline.Connection c = scheduled(Map.of("schedule", "manual", "data_type", "interval"));
    String job = api().read(api().post(c.appId(), "/accounts/" + c.account().accountId() + "/stream/refresh", null)
        .expectStatus().isAccepted()).path("job_id").asString();
    pipeline.sessionStatus(c, job, 11, "Loading Error");
    StreamAttemptRecorded failed = awaitAttempt(c, "failed");
    assertThat(failed.getMessage()).contains("Loading Error");
    assertThat(status(c).path("last_attempt").path("result").asString()).isEqualTo("failed");
  }

  @Test
  void invalidCredentialsShowTheSeedsResolutionAndBackOffUntilPausedThenNewCredentialsResume() {
    Pipeline.Connection c = scheduled(Map.of("schedule", "daily", "data_type", "interval",
        "schedule_details", Map.of("time_of_day", "12:00")));
    Instant due = nextRefresh(c);
    // 1, 2, 4, 7, 7 days after each failed run, then paused (pause-after 6).
    long[] gaps = {1, 2, 4, 7, 7};
    for (int failure = 1; failure <= 6; failure++) {
      advanceTo(due.plusSeconds(1));
      RefreshJobRequested job = awaitJob(c, failure);
      assertThat(job.getScheduledFor()).isEqualTo(due);
      pipeline.reconnectionFailed(c, job.getJobId(), c.account(), 40101, clock.instant());
      int n = failure;
      await().atMost(WAIT).until(() -> attempts(c).stream().filter(a -> a.getAttemptResult().equals("reconnection_failed")).count() == n);
      JsonNode status = status(c);
      assertThat(status.path("status").asString()).isEqualTo("reconnection_failed");
      assertThat(status.path("code").asInt()).isEqualTo(40101);
      assertThat(status.path("message").asString()).isEqualTo("Reconnection failed due to invalid credentials. User credentials may have changed.");
      assertThat(status.path("resolution").path("action_required").asString()).isEqualTo("user_update");
      assertThat(status.path("resolution").path("details").asString())
          .isEqualTo("Please prompt the user to update their credentials via the client application.");
      assertThat(status.path("last_attempt").path("result").asString()).isEqualTo("reconnection_failed");
      if (failure <= gaps.length) {
        Instant next = due.plus(Duration.ofDays(gaps[failure - 1]));
        assertThat(Instant.parse(status.path("next_scheduled_attempt").asString())).isEqualTo(next);
        assertThat(Instant.parse(status.path("schedule").path("next_refresh").asString())).isEqualTo(next);
        due = next;
      } else {
        assertThat(status.path("next_scheduled_attempt").isMissingNode() || status.path("next_scheduled_attempt").isNull()).isTrue();
        assertThat(status.path("schedule_paused").asBoolean()).isTrue();
        assertThat(status.path("schedule").path("next_refresh").isNull()).isTrue();
      }
    }
    // Paused: weeks pass and nothing fires.
    advanceTo(clock.instant().plus(Duration.ofDays(30)));
    assertThat(jobs(c)).hasSize(6);

    // The user updates the credentials: the schedule resumes from now.
    pipeline.lifecycle(c, LifecycleChange.CREDENTIALS_UPDATED, true);
    await().atMost(WAIT).until(() -> status(c).path("status").asString().equals("active"));
    Instant resumed = nextRefresh(c);
    assertThat(resumed).isAfter(clock.instant()).isBefore(clock.instant().plus(Duration.ofDays(1)));
    advanceTo(resumed.plusSeconds(1));
    awaitJob(c, 7);
  }

  @Test
  void anUnsuccessfulMfaShowsTheMfaStatusAndUserMfaAndALoginThatWorksEndsTheBackoff() {
    Pipeline.Connection c = scheduled(Map.of("schedule", "manual", "data_type", "interval"));
    String path = "/accounts/" + c.account().accountId() + "/stream/refresh";
    String job = api().read(api().post(c.appId(), path, null).expectStatus().isAccepted()).path("job_id").asString();
    Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    pipeline.reconnectionFailed(c, job, c.account(), 40102, at);
    StreamAttemptRecorded recorded = awaitAttempt(c, "reconnection_failed");
    assertThat(recorded.getResolutionAction()).isEqualTo("user_mfa");
    assertThat(recorded.getMfaRequired()).isTrue();

    JsonNode status = status(c);
    assertThat(status.path("status").asString()).isEqualTo("reconnection_failed");
    assertThat(status.path("code").asInt()).isEqualTo(40102);
    assertThat(status.path("mfa_status").path("required").asBoolean()).isTrue();
    assertThat(Instant.parse(status.path("mfa_status").path("last_prompt").asString())).isEqualTo(at.minusSeconds(300));
    assertThat(status.path("mfa_status").path("failure_reason").asString()).isEqualTo("No code provided.");
    assertThat(status.path("resolution").path("action_required").asString()).isEqualTo("user_mfa");

    // The user completes MFA in a new session: Authorized (9) ends the backoff.
    pipeline.sessionStatus(c, UUID.randomUUID().toString(), 9, "Authorized");
    await().atMost(WAIT).until(() -> status(c).path("status").asString().equals("active"));
  }

  @Test
  void aNextBillDateScheduleFiresOnTheBillDateTheBillDataGives() {
    Pipeline.Connection c = scheduled(Map.of("schedule", "next_bill_date", "data_type", "bill"));
    LocalDate billDate = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(12);
    pipeline.dataAvailable(c, null, c.account(), 1, billDate);
    await().atMost(WAIT).until(() -> nextRefresh(c).equals(billDate.atStartOfDay().toInstant(ZoneOffset.UTC)));
    advanceTo(billDate.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(1));
    assertThat(awaitJob(c, 1).getDataType()).isEqualTo("bill");
  }

  @Test
  void aDisconnectedConnectionsStreamsStopAndCannotBeActivated() {
    Pipeline.Connection c = scheduled(Map.of("schedule", "daily", "data_type", "interval"));
    pipeline.lifecycle(c, LifecycleChange.DISCONNECTED, true);
    await().atMost(WAIT).until(() -> status(c).path("status").asString().equals("inactive"));
    assertThat(status(c).path("schedule").path("next_refresh").isNull()).isTrue();
    String id = c.account().accountId().toString();
    await().atMost(WAIT).until(() -> probe.events(StreamScheduleChanged.class).stream()
        .anyMatch(e -> e.getAccountId().equals(id) && e.getStatus().equals("inactive")));
    api().post(c.appId(), "/accounts/" + id + "/stream", Map.of("schedule", "daily", "data_type", "interval"))
        .expectStatus().isEqualTo(409);
    advanceTo(clock.instant().plus(Duration.ofDays(2)));
    assertThat(jobs(c)).isEmpty();
  }
}
