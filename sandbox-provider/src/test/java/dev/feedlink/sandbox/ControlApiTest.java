package dev.feedlink.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** The sandbox's own control API: clock, settings, passwords, faults, outages, reset. */
class ControlApiTest extends SandboxTest {

  private static JsonNode get(String path) {
    return json.readTree(http.get().uri(path).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
  }

  private static JsonNode put(String path, Object body, int status) {
    byte[] answer = http.put().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
        .expectStatus().isEqualTo(status).expectBody().returnResult().getResponseBody();
    return answer == null ? json.nullNode() : json.readTree(answer);
  }

  private static void assertProblem(JsonNode problem, String field) {
    assertThat(problem.path("status").asInt()).isEqualTo(400);
    assertThat(problem.path("title").asString()).isEqualTo("Invalid request");
    assertThat(problem.path("field").asString()).isEqualTo(field);
    assertThat(problem.path("detail").asString()).startsWith(field + ": ");
  }

  @Test
  void theClockReadsAndAdvancesByADurationOrACalendarPeriod() {
    Instant before = Instant.parse(get("/sandbox/clock").path("now").asString());
    assertThat(get("/sandbox/clock").path("frozen").asBoolean()).isTrue();

    JsonNode day = post("/sandbox/clock", Map.of("advance", "P1D"), 200);
    assertThat(Instant.parse(day.path("now").asString())).isEqualTo(before.plus(Duration.ofDays(1)));
    JsonNode hours = post("/sandbox/clock", Map.of("advance", "PT6H"), 200);
    assertThat(Instant.parse(hours.path("now").asString())).isEqualTo(before.plus(Duration.ofHours(30)));
    JsonNode month = post("/sandbox/clock", Map.of("advance", "P1M"), 200);
    assertThat(Instant.parse(month.path("now").asString()))
        .isEqualTo(before.plus(Duration.ofHours(30)).atOffset(java.time.ZoneOffset.UTC).plusMonths(1).toInstant());
    assertThat(sandbox.clock().instant()).isEqualTo(Instant.parse(month.path("now").asString()));
  }

  @Test
  void theClockIsSetForwardButNeverBack() {
    Instant target = now().plus(Duration.ofDays(40));

    assertThat(Instant.parse(post("/sandbox/clock", Map.of("set", target.toString()), 200).path("now").asString())).isEqualTo(target);
    assertProblem(post("/sandbox/clock", Map.of("set", target.minusSeconds(1).toString()), 400), "set");
    assertProblem(post("/sandbox/clock", Map.of("advance", "-P1D"), 400), "advance");
    assertProblem(post("/sandbox/clock", Map.of("advance", "tomorrow"), 400), "advance");
    assertProblem(post("/sandbox/clock", Map.of("advance", "P1D", "set", target.toString()), 400), "advance");
    assertThat(now()).isEqualTo(target);
  }

  @Test
  void anUnfrozenClockRunsWithRealTimeAndFreezesAgain() {
    Instant frozenAt = Instant.parse(post("/sandbox/clock", Map.of("freeze", false), 200).path("now").asString());
    assertThat(get("/sandbox/clock").path("frozen").asBoolean()).isFalse();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> now().isAfter(frozenAt));

    Instant stopped = Instant.parse(post("/sandbox/clock", Map.of("freeze", true), 200).path("now").asString());
    assertThat(stopped).isAfter(frozenAt);
    assertThat(now()).isEqualTo(stopped);
  }

  @Test
  void settingsChangeOnlyTheFieldsGivenAndAreValidated() {
    JsonNode defaults = get("/sandbox/settings");
    assertThat(defaults.toString())
        .isEqualTo("{\"slow_delay\":\"PT30S\",\"webhook_delay\":\"PT2S\",\"consent_days\":7,\"device_trust_days\":30,"
            + "\"retry_after\":\"PT30S\",\"unavailable\":[],\"data_unavailable\":[]}");

    JsonNode changed = put("/sandbox/settings", Map.of("consent_days", 2, "webhook_delay", "PT0.5S"), 200);
    assertThat(changed.path("consent_days").asInt()).isEqualTo(2);
    assertThat(changed.path("webhook_delay").asString()).isEqualTo("PT0.5S");
    assertThat(changed.path("slow_delay").asString()).isEqualTo("PT30S");

    assertProblem(put("/sandbox/settings", Map.of("slow_delay", "soon"), 400), "slow_delay");
    assertProblem(put("/sandbox/settings", Map.of("device_trust_days", -1), 400), "device_trust_days");
    JsonNode provider = put("/sandbox/settings", Map.of("unavailable", List.of("gas-company")), 400);
    assertProblem(provider, "unavailable");
    assertThat(provider.path("valid_values").toString()).isEqualTo("[\"utility\",\"bank\"]");
    assertThat(get("/sandbox/settings").path("consent_days").asInt()).as("a refused change changes nothing").isEqualTo(2);
  }

  @Test
  void aShorterConsentSettingAppliesToTheNextConsent() {
    put("/sandbox/settings", Map.of("consent_days", 1), 200);
    login("bank", "user_expired", "device-1");

    sandbox.clock().advance(Duration.ofDays(1));

    assertThat(post("/bank/login", Map.of("username", "user_expired", "password", "pass_good", "device_id", "device-1"), 403)
            .path("error").asString())
        .isEqualTo("consent_expired");
  }

  @Test
  void anUnavailableProviderAnswers503ToEveryLoginUntilItIsBack() {
    put("/sandbox/settings", Map.of("unavailable", List.of("utility"), "retry_after", "PT5S"), 200);

    http.post().uri("/utility/login").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("username", "user_good", "password", "pass_good")).exchange()
        .expectStatus().isEqualTo(503).expectHeader().valueEquals("Retry-After", "5").expectBody().returnResult();
    assertThat(login("bank", "user_good", "d").path("status").asString()).as("the other provider is up").isEqualTo("authorized");

    put("/sandbox/settings", Map.of("unavailable", List.of()), 200);
    assertThat(login("utility", "user_good", "d").path("status").asString()).isEqualTo("authorized");
  }

  @Test
  void injectedFaultsFailTheNextRequestsThenTheProviderRecovers() {
    JsonNode injected = post("/sandbox/faults", Map.of("provider", "bank", "count", 2, "status", 502, "retry_after", "PT1S"), 200);
    assertThat(injected.path("remaining").asInt()).isEqualTo(2);

    for (int i = 0; i < 2; i++) {
      http.post().uri("/bank/login").contentType(MediaType.APPLICATION_JSON)
          .bodyValue(Map.of("username", "user_good", "password", "pass_good")).exchange()
          .expectStatus().isEqualTo(502).expectHeader().valueEquals("Retry-After", "1").expectBody().returnResult();
    }
    assertThat(login("bank", "user_good", "d").path("status").asString()).isEqualTo("authorized");
    assertProblem(post("/sandbox/faults", Map.of("provider", "bank", "status", 404), 400), "status");
    assertProblem(post("/sandbox/faults", Map.of("provider", "telco"), 400), "provider");
  }

  @Test
  void aPasswordChangeNeedsAKnownLoginAndAPassword() {
    assertProblem(put("/sandbox/users/user_good/password", Map.of("password", ""), 400), "password");
    JsonNode unknown = put("/sandbox/users/nobody/password", Map.of("password", "x"), 404);
    assertThat(unknown.path("detail").asString()).contains("nobody");
    put("/sandbox/users/user_good_7/password", Map.of("password", "secret"), 204);
    assertThat(post("/utility/login", Map.of("username", "user_good_7", "password", "secret"), 200).path("status").asString())
        .isEqualTo("authorized");
  }

  @Test
  void resetRestoresPasswordsDevicesConsentsAndSettingsButNotTheClock() {
    put("/sandbox/users/user_mfa/password", Map.of("password", "changed"), 204);
    put("/sandbox/settings", Map.of("slow_delay", "PT1S"), 200);
    login("utility", "user_expired", "device-1");
    sandbox.clock().advance(Duration.ofDays(8));
    Instant clock = now();

    http.post().uri("/sandbox/reset").exchange().expectStatus().isNoContent().expectBody().returnResult();

    assertThat(now()).isEqualTo(clock);
    assertThat(login("utility", "user_mfa", "device-1").path("status").asString()).isEqualTo("challenge");
    assertThat(login("utility", "user_expired", "device-1").path("status").asString()).isEqualTo("authorized");
    assertThat(get("/sandbox/settings").path("slow_delay").asString()).isEqualTo("PT30S");
  }

  @Test
  void anUnreadableControlRequestIsAProblem() {
    byte[] answer = http.post().uri("/sandbox/clock").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"advance\":").exchange()
        .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody().returnResult().getResponseBody();
    assertThat(json.readTree(answer).path("instance").asString()).isEqualTo("/sandbox/clock");
  }
}
