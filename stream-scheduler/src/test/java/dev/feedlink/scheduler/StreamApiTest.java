package dev.feedlink.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.feedlink.events.RefreshJobRequested;
import dev.feedlink.events.StreamScheduleChanged;
import dev.feedlink.platform.web.CallerApp;
import dev.feedlink.scheduler.support.Pipeline;
import dev.feedlink.scheduler.support.StreamApi;
import dev.feedlink.schemas.Topics;
import dev.feedlink.testkit.IntegrationTest;
import dev.feedlink.testkit.TopicProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** The seed's Stream API through the gateway's headers, against the real Kafka and PostgreSQL. */
@IntegrationTest
class StreamApiTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static Pipeline pipeline;
  private static TopicProbe probe;

  @Autowired WebTestClient client;

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

  /** A connected account the scheduler has learned (its events consumed). */
  private Pipeline.Connection connected(UUID app, boolean streamEnabled, String... numbers) {
    Pipeline.Connection c = pipeline.connect(app, streamEnabled, numbers);
    for (Pipeline.Account a : c.accounts()) {
      await().atMost(WAIT).until(() -> api().statusCode(app, a.accountId().toString()) == 200);
    }
    if (!streamEnabled) {
      await().atMost(WAIT).until(() -> api().status(app, c.account().accountId().toString()).path("status").asString().equals("inactive"));
    }
    return c;
  }

  private Pipeline.Connection connected() {
    return connected(UUID.randomUUID(), true, "123456789");
  }

  private static String path(Pipeline.Connection c) {
    return "/accounts/" + c.account().accountId() + "/stream";
  }

  // --- first connection ------------------------------------------------------------------------

  @Test
  void aFirstConnectionActivatesStreamWithoutASchedule() {
    Pipeline.Connection c = connected();
    JsonNode status = api().status(c.appId(), c.account().accountId().toString());

    assertThat(status.path("account_id").asString()).isEqualTo(c.account().accountId().toString());
    assertThat(status.path("status").asString()).isEqualTo("active");
    assertThat(status.path("schedule").path("type").isNull()).isTrue();
    assertThat(status.path("schedule").path("next_refresh").isNull()).isTrue();
    assertThat(status.path("last_attempt").isNull()).isTrue();
  }

  @Test
  void aFirstConnectionWithStreamDisabledLeavesStreamInactiveUntilTheAppActivatesIt() {
    Pipeline.Connection c = connected(UUID.randomUUID(), false, "555");
    assertThat(api().status(c.appId(), c.account().accountId().toString()).path("status").asString()).isEqualTo("inactive");

    api().post(c.appId(), path(c), Map.of("schedule", "daily", "data_type", "interval")).expectStatus().isOk();
    assertThat(api().status(c.appId(), c.account().accountId().toString()).path("status").asString()).isEqualTo("active");
  }

  // --- activate and update ---------------------------------------------------------------------

  @Test
  void activatingAnswersAsTheSeedAndAdjustingAnswersUpdated() {
    Pipeline.Connection c = connected();
    String id = c.account().accountId().toString();

    JsonNode activated = api().read(
        api().post(c.appId(), path(c), Map.of("schedule", "daily", "data_type", "interval")).expectStatus().isOk());
    assertThat(activated.path("account_id").asString()).isEqualTo(id);
    assertThat(activated.path("schedule").asString()).isEqualTo("daily");
    assertThat(activated.path("data_type").asString()).isEqualTo("interval");
    assertThat(activated.path("status").asString()).isEqualTo("active");

    JsonNode updated = api().read(api().post(c.appId(), path(c), Map.of(
        "schedule", "weekly", "data_type", "interval", "schedule_details", Map.of("day_of_week", "Monday"))).expectStatus().isOk());
    assertThat(updated.path("status").asString()).isEqualTo("updated");
    assertThat(updated.path("schedule").asString()).isEqualTo("weekly");
    assertThat(updated.path("schedule_details").path("day_of_week").asString()).isEqualTo("Monday");

    JsonNode status = api().status(c.appId(), id);
    assertThat(status.path("status").asString()).isEqualTo("active");
    assertThat(status.path("schedule").path("type").asString()).isEqualTo("weekly");
    java.time.Instant next = java.time.Instant.parse(status.path("schedule").path("next_refresh").asString());
    assertThat(next.atZone(java.time.ZoneOffset.UTC).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
    assertThat(next.atZone(java.time.ZoneOffset.UTC).toLocalTime()).isEqualTo(java.time.LocalTime.MIDNIGHT);

    List<StreamScheduleChanged> changes = await().atMost(WAIT).until(
        () -> probe.events(StreamScheduleChanged.class).stream().filter(e -> e.getAccountId().equals(id)).toList(),
        l -> l.size() == 2);
    assertThat(changes).extracting(StreamScheduleChanged::getStatus).containsExactly("active", "updated");
    assertThat(changes.get(1).getScheduleDetailsJson()).isEqualTo("{\"day_of_week\":\"Monday\"}");
  }

  static Stream<Arguments> everyValidSchedule() {
    return Stream.of(
        Arguments.of(Map.of("schedule", "daily", "data_type", "interval"), "daily"),
        Arguments.of(Map.of("schedule", "weekly", "data_type", "interval", "schedule_details", Map.of("day_of_week", "Monday")), "weekly"),
        Arguments.of(Map.of("schedule", "weekly", "data_type", "interval", "schedule_details", Map.of("day_of_week", "tuesday")), "weekly"),
        Arguments.of(Map.of("schedule", "weekly", "data_type", "interval", "schedule_details", Map.of("day_of_week", "WEDNESDAY")), "weekly"),
        Arguments.of(Map.of("schedule", "weekly", "data_type", "interval", "schedule_details", Map.of("day_of_week", "Thursday")), "weekly"),
        Arguments.of(Map.of("schedule", "weekly", "data_type", "interval", "schedule_details", Map.of("day_of_week", "friday")), "weekly"),
        Arguments.of(Map.of("schedule", "weekly", "data_type", "interval", "schedule_details", Map.of("day_of_week", "Saturday")), "weekly"),
        Arguments.of(Map.of("schedule", "weekly", "data_type", "interval", "schedule_details", Map.of("day_of_week", "sunday")), "weekly"),
        Arguments.of(Map.of("schedule", "monthly", "data_type", "interval", "schedule_details", Map.of("days_of_month", List.of(1, 15, 30))), "monthly"),
        Arguments.of(Map.of("schedule", "monthly", "data_type", "bill", "schedule_details", Map.of("days_of_month", List.of(31))), "monthly"),
        Arguments.of(Map.of("schedule", "quarterly", "data_type", "interval", "schedule_details", Map.of("month_of_quarter", 2, "day_of_month", 30)), "quarterly"),
        Arguments.of(Map.of("schedule", "next_bill_date", "data_type", "bill"), "next_bill_date"),
        Arguments.of(Map.of("schedule", "manual", "data_type", "interval"), "manual"),
        Arguments.of(Map.of("schedule", "daily", "data_type", "interval",
            "schedule_details", Map.of("time_of_day", "06:30", "time_zone", "America/New_York", "jitter_minutes", 90)), "daily"));
  }

  @ParameterizedTest
  @MethodSource("everyValidSchedule")
  void everyValidScheduleIsAccepted(Map<String, Object> body, String schedule) {
    Pipeline.Connection c = connected();
    JsonNode answer = api().read(api().post(c.appId(), path(c), body).expectStatus().isOk());
    assertThat(answer.path("schedule").asString()).isEqualTo(schedule);
    JsonNode status = api().status(c.appId(), c.account().accountId().toString());
    assertThat(status.path("schedule").path("type").asString()).isEqualTo(schedule);
    assertThat(status.path("schedule").path("next_refresh").isNull()).isEqualTo(schedule.equals("manual"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"interval", "bill", "bank_account", "bank_balance", "bank_transaction", "user_info"})
  void everyDataTypeIsAcceptedForAnAccountThatProvidesIt(String dataType) {
    UUID app = UUID.randomUUID();
    List<String> types = dataType.startsWith("bank") || dataType.equals("user_info")
        ? List.of("bank_account", "bank_balance", "bank_transaction", "user_info")
        : List.of("interval", "bill");
    Pipeline.Connection c = pipeline.connect(app, true, types, "000111");
    await().atMost(WAIT).until(() -> api().statusCode(app, c.account().accountId().toString()) == 200);
    JsonNode answer = api().read(api().post(app, path(c), Map.of("schedule", "daily", "data_type", dataType)).expectStatus().isOk());
    assertThat(answer.path("data_type").asString()).isEqualTo(dataType);
    // An update may leave data_type out and keep it.
    JsonNode kept = api().read(api().post(app, path(c), Map.of("schedule", "manual")).expectStatus().isOk());
    assertThat(kept.path("data_type").asString()).isEqualTo(dataType);
  }

  static Stream<Arguments> invalidRequests() {
    List<String> schedules = List.of("daily", "weekly", "monthly", "quarterly", "next_bill_date", "manual");
    return Stream.of(
        Arguments.of(Map.of("data_type", "interval"), "schedule", schedules),
        Arguments.of(Map.of("schedule", "hourly", "data_type", "interval"), "schedule", schedules),
        Arguments.of(Map.of("schedule", 7, "data_type", "interval"), "schedule", schedules),
        Arguments.of(Map.of("schedule", "daily", "data_type", "weather"), "data_type", List.of("interval", "bill")),
        Arguments.of(Map.of("schedule", "daily", "data_type", "bank_balance"), "data_type", List.of("interval", "bill")),
        Arguments.of(Map.of("schedule", "weekly", "data_type", "interval"), "schedule_details.day_of_week", List.of("Monday", "Sunday")),
        Arguments.of(Map.of("schedule", "weekly", "data_type", "interval", "schedule_details", Map.of("day_of_week", "Mon")), "schedule_details.day_of_week", List.of("Monday")),
        Arguments.of(Map.of("schedule", "weekly", "data_type", "interval", "schedule_details", Map.of("day_of_week", 1)), "schedule_details.day_of_week", List.of("Monday")),
        Arguments.of(Map.of("schedule", "monthly", "data_type", "interval"), "schedule_details.days_of_month", List.of("1", "31")),
        Arguments.of(Map.of("schedule", "monthly", "data_type", "interval", "schedule_details", Map.of("days_of_month", List.of(0))), "schedule_details.days_of_month", List.of("1", "31")),
        Arguments.of(Map.of("schedule", "monthly", "data_type", "interval", "schedule_details", Map.of("days_of_month", List.of(32))), "schedule_details.days_of_month", List.of("1", "31")),
        Arguments.of(Map.of("schedule", "monthly", "data_type", "interval", "schedule_details", Map.of("days_of_month", List.of())), "schedule_details.days_of_month", List.of("1", "31")),
        Arguments.of(Map.of("schedule", "monthly", "data_type", "interval", "schedule_details", Map.of("days_of_month", List.of("5"))), "schedule_details.days_of_month", List.of("1", "31")),
        Arguments.of(Map.of("schedule", "monthly", "data_type", "interval", "schedule_details", Map.of("days_of_month", List.of(5.5))), "schedule_details.days_of_month", List.of("1", "31")),
        Arguments.of(Map.of("schedule", "quarterly", "data_type", "interval", "schedule_details", Map.of("month_of_quarter", 4)), "schedule_details.month_of_quarter", List.of("1", "2", "3")),
        Arguments.of(Map.of("schedule", "daily", "data_type", "interval", "schedule_details", Map.of("day_of_week", "Monday")), "schedule_details.day_of_week", List.of("time_of_day", "time_zone", "jitter_minutes")),
        Arguments.of(Map.of("schedule", "manual", "data_type", "interval", "schedule_details", Map.of("time_of_day", "06:00")), "schedule_details.time_of_day", List.of()),
        Arguments.of(Map.of("schedule", "daily", "data_type", "interval", "schedule_details", Map.of("time_of_day", "25:00")), "schedule_details.time_of_day", List.of("HH:mm, 00:00 to 23:59")),
        Arguments.of(Map.of("schedule", "daily", "data_type", "interval", "schedule_details", Map.of("time_zone", "Mars/Olympus")), "schedule_details.time_zone", List.of()),
        Arguments.of(Map.of("schedule", "daily", "data_type", "interval", "schedule_details", Map.of("jitter_minutes", 721)), "schedule_details.jitter_minutes", List.of("0..720")),
        Arguments.of(Map.of("schedule", "daily", "data_type", "interval", "schedule_details", "Monday"), "schedule_details", List.of()),
        Arguments.of(Map.of("schedule", "daily", "data_type", "interval", "shedule_details", Map.of()), "shedule_details", List.of("schedule", "data_type", "schedule_details")));
  }

  @ParameterizedTest
  @MethodSource("invalidRequests")
  void anInvalidRequestIsA400NamingTheFieldAndItsValidValues(Map<String, Object> body, String field, List<String> someValidValues) {
    Pipeline.Connection c = connected();
    JsonNode problem = api().read(api().post(c.appId(), path(c), body).expectStatus().isBadRequest()
        .expectHeader().contentType("application/problem+json"));
    assertThat(problem.path("field").asString()).isEqualTo(field);
    assertThat(problem.path("detail").asString()).startsWith(field);
    List<String> valid = problem.path("valid_values").valueStream().map(JsonNode::asString).toList();
    assertThat(valid).containsAll(someValidValues);
    // Nothing changed.
    assertThat(api().status(c.appId(), c.account().accountId().toString()).path("schedule").path("type").isNull()).isTrue();
  }

  @Test
  void theScheduleValidValuesNameAllSixSchedules() {
    Pipeline.Connection c = connected();
    JsonNode problem = api().read(api().post(c.appId(), path(c), Map.of("schedule", "yearly")).expectStatus().isBadRequest());
    assertThat(problem.path("valid_values").valueStream().map(JsonNode::asString).toList())
        .containsExactly("daily", "weekly", "monthly", "quarterly", "next_bill_date", "manual");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[]", "\"daily\"", "{not json"})
  void aBodyThatIsNotAJsonObjectIsA400(String body) {
    Pipeline.Connection c = connected();
    client.post().uri(path(c))
        .header(CallerApp.INTERNAL_TOKEN_HEADER, dev.feedlink.platform.PlatformProperties.DEVELOPMENT_INTERNAL_TOKEN)
        .header(CallerApp.APP_ID_HEADER, c.appId().toString())
        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus().isBadRequest();
  }

  // --- tenancy ---------------------------------------------------------------------------------

  @Test
  void anUnknownAccountOrAnotherAppsAccountIsA404() {
    Pipeline.Connection c = connected();
    UUID otherApp = UUID.randomUUID();
    api().get(otherApp, "/accounts/" + c.account().accountId() + "/stream/status").expectStatus().isNotFound();
    api().post(otherApp, path(c), Map.of("schedule", "daily", "data_type", "interval")).expectStatus().isNotFound();
    api().post(otherApp, path(c) + "/refresh", null).expectStatus().isNotFound();
    api().get(c.appId(), "/accounts/" + UUID.randomUUID() + "/stream/status").expectStatus().isNotFound();
    api().get(c.appId(), "/accounts/no-such-number/stream/status").expectStatus().isNotFound();
  }

  @Test
  void aRequestThatDidNotComeThroughTheGatewayIsRefused() {
    client.get().uri("/accounts/123456789/stream/status").exchange().expectStatus().isUnauthorized();
  }

  @Test
  void anAccountNumberUniqueWithinTheAppWorksLikeItsIdAndASharedOneIsA409ListingTheIds() {
    UUID app = UUID.randomUUID();
    Pipeline.Connection first = connected(app, true, "123456789", "987654321");
    JsonNode byNumber = api().read(api().post(app, "/accounts/987654321/stream", Map.of("schedule", "daily", "data_type", "interval")).expectStatus().isOk());
    assertThat(byNumber.path("account_id").asString()).isEqualTo(first.accounts().get(1).accountId().toString());
    assertThat(byNumber.path("account_number").asString()).isEqualTo("987654321");

    Pipeline.Connection second = connected(app, true, "123456789");
    JsonNode conflict = api().read(api().get(app, "/accounts/123456789/stream/status").expectStatus().isEqualTo(409));
    assertThat(conflict.path("valid_values").valueStream().map(JsonNode::asString).toList())
        .containsExactlyInAnyOrder(first.account().accountId().toString(), second.account().accountId().toString());
  }

  // --- bulk ------------------------------------------------------------------------------------

  @Test
  void accountsAreActivatedAndDeactivatedInBulkAsTheSeedShows() {
    UUID app = UUID.randomUUID();
    Pipeline.Connection c = connected(app, true, "123456789", "987654321");
    String a = c.accounts().get(0).accountId().toString();
    String b = c.accounts().get(1).accountId().toString();

    JsonNode activated = api().read(api().post(app, "/accounts/stream",
        Map.of("schedule", "daily", "data_type", "interval", "accounts", List.of(a, "987654321"))).expectStatus().isOk());
    assertThat(activated.path("status").asString()).isEqualTo("success");
    assertThat(activated.path("message").asString()).isEqualTo("Stream schedule updated successfully.");
    assertThat(activated.path("active_accounts").valueStream().map(JsonNode::asString).toList()).containsExactly(a, b);
    assertThat(activated.path("inactive_accounts").isEmpty()).isTrue();
    assertThat(api().status(app, b).path("schedule").path("type").asString()).isEqualTo("daily");

    JsonNode deactivated = api().read(api().post(app, "/accounts/stream",
        Map.of("action", "deactivate", "accounts", List.of(a))).expectStatus().isOk());
    assertThat(deactivated.path("message").asString()).isEqualTo("Accounts deactivated from Stream schedule.");
    assertThat(deactivated.path("active_accounts").isEmpty()).isTrue();
    assertThat(deactivated.path("inactive_accounts").valueStream().map(JsonNode::asString).toList()).containsExactly(a);

    JsonNode status = api().status(app, a);
    assertThat(status.path("status").asString()).isEqualTo("inactive");
    assertThat(status.path("schedule").path("next_refresh").isNull()).isTrue();
    assertThat(api().status(app, b).path("status").asString()).isEqualTo("active");
  }

  @Test
  void aBulkRequestNamingAnUnknownAccountChangesNothingAndNamesIt() {
    Pipeline.Connection c = connected();
    String known = c.account().accountId().toString();
    JsonNode problem = api().read(api().post(c.appId(), "/accounts/stream",
        Map.of("schedule", "daily", "data_type", "interval", "accounts", List.of(known, "000000000"))).expectStatus().isNotFound());
    assertThat(problem.path("detail").asString()).contains("000000000");
    assertThat(api().status(c.appId(), known).path("schedule").path("type").isNull()).isTrue();
  }

  static Stream<Arguments> invalidBulkRequests() {
    return Stream.of(
        Arguments.of(Map.of("action", "pause", "accounts", List.of("1")), "action"),
        Arguments.of(Map.of("schedule", "daily", "data_type", "interval"), "accounts"),
        Arguments.of(Map.of("schedule", "daily", "data_type", "interval", "accounts", List.of()), "accounts"),
        Arguments.of(Map.of("schedule", "daily", "data_type", "interval", "accounts", "123"), "accounts"),
        Arguments.of(Map.of("schedule", "daily", "data_type", "interval", "accounts", List.of(7)), "accounts[0]"),
        Arguments.of(Map.of("schedule", "fortnightly", "data_type", "interval", "accounts", List.of("1")), "schedule"));
  }

  @ParameterizedTest
  @MethodSource("invalidBulkRequests")
  void anInvalidBulkRequestIsA400NamingTheField(Map<String, Object> body, String field) {
    JsonNode problem = api().read(api().post(UUID.randomUUID(), "/accounts/stream", body).expectStatus().isBadRequest());
    assertThat(problem.path("field").asString()).isEqualTo(field);
  }

  // --- manual refresh --------------------------------------------------------------------------

  @Test
  void aManualRefreshRequestsOneJobAndASecondWhileItRunsReportsIt() {
    Pipeline.Connection c = connected();
    api().post(c.appId(), path(c), Map.of("schedule", "manual", "data_type", "interval")).expectStatus().isOk();

    JsonNode accepted = api().read(api().post(c.appId(), path(c) + "/refresh", null).expectStatus().isAccepted());
    assertThat(accepted.path("status").asString()).isEqualTo("refresh_requested");
    String jobId = accepted.path("job_id").asString();
    RefreshJobRequested job = probe.await(RefreshJobRequested.class, e -> e.getJobId().equals(jobId), WAIT);
    assertThat(job.getAccountId()).isEqualTo(c.account().accountId().toString());
    assertThat(job.getConnectionId()).isEqualTo(c.connectionId().toString());
    assertThat(job.getAppId()).isEqualTo(c.appId().toString());
    assertThat(job.getDataType()).isEqualTo("interval");
    assertThat(job.getTrigger().name()).isEqualTo("MANUAL");
    assertThat(job.getLateByMillis()).isZero();

    JsonNode again = api().read(api().post(c.appId(), path(c) + "/refresh", Map.of()).expectStatus().isAccepted());
    assertThat(again.path("status").asString()).isEqualTo("in_progress");
    assertThat(again.path("job_id").asString()).isEqualTo(jobId);
    JsonNode status = api().status(c.appId(), c.account().accountId().toString());
    assertThat(status.path("last_attempt").path("result").asString()).isEqualTo("in_progress");

    pipeline.dataAvailable(c, jobId, c.account(), 96, null);
    await().atMost(WAIT).until(() -> api().status(c.appId(), c.account().accountId().toString())
        .path("last_attempt").path("result").asString().equals("success"));
    JsonNode done = api().status(c.appId(), c.account().accountId().toString());
    assertThat(done.path("last_attempt").path("fresh_data_retrieved").asBoolean()).isTrue();
    assertThat(done.path("status").asString()).isEqualTo("active");
    assertThat(probe.events(RefreshJobRequested.class).stream().filter(e -> e.getAccountId().equals(c.account().accountId().toString())))
        .hasSize(1);
  }

  @Test
  void aManualRefreshOfAnInactiveStreamIsAConflict() {
    Pipeline.Connection c = connected(UUID.randomUUID(), false, "42");
    api().post(c.appId(), path(c) + "/refresh", null).expectStatus().isEqualTo(409);
  }

  @Test
  void aRefreshForADataTypeTheAccountLacksIsA400() {
    Pipeline.Connection c = connected();
    JsonNode problem = api().read(api().post(c.appId(), path(c) + "/refresh", Map.of("data_type", "bank_balance")).expectStatus().isBadRequest());
    assertThat(problem.path("field").asString()).isEqualTo("data_type");
  }
}
