package dev.feedlink.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/** Every documented test login, at both providers, through the login and challenge protocol. */
class LoginProtocolTest extends SandboxTest {

  private static List<String> numbers(JsonNode accounts) {
    List<String> numbers = new ArrayList<>();
    accounts.forEach(a -> numbers.add(a.path("account_number").asString()));
    return numbers;
  }

  @Test
  void userGoodIsAuthorizedForAnElectricityAndAGasAccountWithASubscription() {
    JsonNode answer = login("utility", "user_good", "device-1");

    assertThat(answer.path("status").asString()).isEqualTo("authorized");
    assertThat(answer.path("access_token").asString()).startsWith("sbx_").hasSizeGreaterThan(20);
    assertThat(answer.path("token_type").asString()).isEqualTo("Bearer");
    assertThat(answer.path("expires_in").asLong()).isEqualTo(3600);
    assertThat(answer.path("subscription_id").asString()).matches("[0-9a-f]{8}");
    assertThat(answer.path("scopes").get(0).asString()).contains("IntervalDuration=900_3600");
    JsonNode accounts = answer.path("accounts");
    assertThat(numbers(accounts)).containsExactly("5550000101", "5550000102");
    assertThat(accounts.get(0).path("kind").asString()).isEqualTo("electricity");
    assertThat(accounts.get(1).path("kind").asString()).isEqualTo("gas");
    assertThat(accounts.get(0).path("data_types").toString()).isEqualTo("[\"interval\",\"bill\"]");
  }

  @Test
  void userGoodAtTheBankHoldsATransactionAndASavingsAccountAndNoSubscription() {
    JsonNode answer = login("bank", "user_good", "device-1");

    assertThat(answer.path("status").asString()).isEqualTo("authorized");
    assertThat(answer.has("subscription_id")).isFalse();
    assertThat(numbers(answer.path("accounts"))).containsExactly("1000000101", "1000000102");
    assertThat(answer.path("accounts").get(0).path("kind").asString()).isEqualTo("transaction");
    assertThat(answer.path("accounts").get(1).path("kind").asString()).isEqualTo("savings");
    assertThat(answer.path("accounts").get(0).path("data_types").toString())
        .isEqualTo("[\"bank_account\",\"bank_balance\",\"bank_transaction\"]");
    assertThat(answer.path("scopes").toString()).contains("bank:transactions:read", "common:customer.basic:read");
  }

  @ParameterizedTest
  @ValueSource(strings = {"utility", "bank"})
  void aWrongPasswordOrAnUnknownUserIsRefused(String provider) {
    JsonNode wrong = post("/" + provider + "/login", Map.of("username", "user_good", "password", "pass_bad"), 401);
    JsonNode unknown = post("/" + provider + "/login", Map.of("username", "nobody", "password", "pass_good"), 401);

    assertThat(wrong.path("error").asString()).isEqualTo("invalid_credentials");
    assertThat(unknown.path("error").asString()).isEqualTo("invalid_credentials");
  }

  @ParameterizedTest
  @ValueSource(strings = {"utility", "bank"})
  void userMfaAsksForACodeRefusesAWrongOneAndAcceptsTheRightOne(String provider) {
    JsonNode challenge = login(provider, "user_mfa", "device-1").path("challenge");
    assertThat(challenge.path("type").asString()).isEqualTo("mfa_code");
    assertThat(challenge.path("expires_in").asLong()).isEqualTo(300);

    JsonNode wrong = answer(provider, challenge.path("id").asString(), Map.of("answer", "000000"), 401);
    assertThat(wrong.path("error").asString()).isEqualTo("mfa_code_invalid");
    assertThat(wrong.path("challenge").path("id").asString()).isEqualTo(challenge.path("id").asString());

    JsonNode right = answer(provider, challenge.path("id").asString(), Map.of("answer", "123456"), 200);
    assertThat(right.path("status").asString()).isEqualTo("authorized");
    assertThat(right.path("accounts").size()).isEqualTo(2);
  }

  @Test
  void userMfaChoiceAsksForAMethodThenForTheCodeSentThere() {
    JsonNode choice = login("utility", "user_mfa_choice", "device-1").path("challenge");
    assertThat(choice.path("type").asString()).isEqualTo("mfa_method_choice");
    assertThat(choice.path("methods").toString()).isEqualTo("[\"sms\",\"email\"]");

    JsonNode fax = answer("utility", choice.path("id").asString(), Map.of("answer", "fax"), 401);
    assertThat(fax.path("error").asString()).isEqualTo("mfa_method_invalid");

    JsonNode code = answer("utility", choice.path("id").asString(), Map.of("answer", "email"), 200).path("challenge");
    assertThat(code.path("type").asString()).isEqualTo("mfa_code");
    assertThat(code.path("method").asString()).isEqualTo("email");
    assertThat(code.path("id").asString()).isNotEqualTo(choice.path("id").asString());

    assertThat(answer("utility", code.path("id").asString(), Map.of("answer", "123456"), 200).path("status").asString())
        .isEqualTo("authorized");
  }

  @Test
  void userMfaActionNeedsTheApproval() {
    JsonNode challenge = login("bank", "user_mfa_action", "device-1").path("challenge");
    assertThat(challenge.path("type").asString()).isEqualTo("mfa_action");

    assertThat(answer("bank", challenge.path("id").asString(), Map.of("answer", "denied"), 401).path("error").asString())
        .isEqualTo("mfa_action_invalid");
    assertThat(answer("bank", challenge.path("id").asString(), Map.of("answer", "approved"), 200).path("status").asString())
        .isEqualTo("authorized");
  }

  @Test
  void userSecurityAsksItsQuestionAndTakesBlueInAnyCase() {
    JsonNode challenge = login("utility", "user_security", "device-1").path("challenge");
    assertThat(challenge.path("type").asString()).isEqualTo("security_question");
    assertThat(challenge.path("question").asString()).isEqualTo("What is your favourite colour?");

    assertThat(answer("utility", challenge.path("id").asString(), Map.of("answer", "red"), 401).path("error").asString())
        .isEqualTo("security_answer_invalid");
    assertThat(answer("utility", challenge.path("id").asString(), Map.of("answer", " Blue "), 200).path("status").asString())
        .isEqualTo("authorized");
  }

  @Test
  void anAnswerWithoutTheFieldTheChallengeNeedsIsABadRequest() {
    JsonNode challenge = login("utility", "user_mfa", "device-1").path("challenge");

    JsonNode missing = answer("utility", challenge.path("id").asString(), Map.of("accounts", List.of("x")), 400);

    assertThat(missing.path("error").asString()).isEqualTo("invalid_request");
    assertThat(missing.path("message").asString()).contains("answer");
  }

  @Test
  void userSelectOffersItsAccountsAndTheTokenCoversOnlyThosePicked() {
    JsonNode challenge = login("utility", "user_select", "device-1").path("challenge");
    assertThat(challenge.path("type").asString()).isEqualTo("account_selection");
    assertThat(numbers(challenge.path("accounts"))).containsExactly("5550000601", "5550000602", "5550000603");
    String id = challenge.path("id").asString();

    assertThat(answer("utility", id, Map.of("accounts", List.of("5550000101")), 400).path("error").asString())
        .isEqualTo("selection_invalid");
    assertThat(answer("utility", id, Map.of("accounts", List.of()), 400).path("error").asString()).isEqualTo("selection_invalid");

    JsonNode picked = answer("utility", id, Map.of("accounts", List.of("5550000603", "5550000601")), 200);
    assertThat(picked.path("status").asString()).isEqualTo("authorized");
    assertThat(numbers(picked.path("accounts"))).containsExactly("5550000601", "5550000603");
  }

  @Test
  void aDeviceThatPickedAccountsLogsInAgainWithoutBeingAsked() {
    String id = login("bank", "user_select", "device-1").path("challenge").path("id").asString();
    answer("bank", id, Map.of("accounts", List.of("1000000603")), 200);

    JsonNode again = login("bank", "user_select", "device-1");
    JsonNode otherDevice = login("bank", "user_select", "device-2");

    assertThat(again.path("status").asString()).isEqualTo("authorized");
    assertThat(numbers(again.path("accounts"))).containsExactly("1000000603");
    assertThat(again.path("accounts").get(0).path("kind").asString()).isEqualTo("credit_card");
    assertThat(otherDevice.path("status").asString()).isEqualTo("challenge");
  }

  @Test
  void aDeviceIsTrustedAfterMfaUntilTheTrustLapses() {
    String id = login("utility", "user_mfa", "device-1").path("challenge").path("id").asString();
    answer("utility", id, Map.of("answer", "123456"), 200);

    assertThat(login("utility", "user_mfa", "device-1").path("status").asString()).isEqualTo("authorized");
    assertThat(login("utility", "user_mfa", "device-2").path("status").asString()).isEqualTo("challenge");
    assertThat(login("bank", "user_mfa", "device-1").path("status").asString()).as("trust is per provider").isEqualTo("challenge");

    sandbox.clock().advance(Duration.ofDays(29));
    assertThat(login("utility", "user_mfa", "device-1").path("status").asString()).isEqualTo("authorized");
    sandbox.clock().advance(Duration.ofDays(1));
    assertThat(login("utility", "user_mfa", "device-1").path("status").asString()).isEqualTo("challenge");
  }

  @Test
  void aPasswordChangeRefusesTheOldPasswordAndRevokesTrustedDevices() {
    String id = login("utility", "user_mfa", "device-1").path("challenge").path("id").asString();
    answer("utility", id, Map.of("answer", "123456"), 200);

    http.put().uri("/sandbox/users/user_mfa/password").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("password", "pass_new")).exchange().expectStatus().isNoContent().expectBody().returnResult();

    assertThat(post("/utility/login", Map.of("username", "user_mfa", "password", "pass_good", "device_id", "device-1"), 401)
            .path("error").asString())
        .isEqualTo("invalid_credentials");
    assertThat(post("/bank/login", Map.of("username", "user_mfa", "password", "pass_good"), 401).path("error").asString())
        .as("at both providers").isEqualTo("invalid_credentials");
    assertThat(post("/utility/login", Map.of("username", "user_mfa", "password", "pass_new", "device_id", "device-1"), 200)
            .path("status").asString())
        .as("the device must pass MFA again").isEqualTo("challenge");
  }

  @Test
  void aChallengeExpiresAfterFiveMinutesOnTheSandboxClock() {
    String id = login("utility", "user_security", "device-1").path("challenge").path("id").asString();

    sandbox.clock().advance(Duration.ofSeconds(300));

    assertThat(answer("utility", id, Map.of("answer", "blue"), 410).path("error").asString()).isEqualTo("challenge_expired");
    assertThat(answer("utility", "no-such-challenge", Map.of("answer", "blue"), 404).path("error").asString())
        .isEqualTo("unknown_challenge");
    String bankId = login("bank", "user_security", "device-1").path("challenge").path("id").asString();
    assertThat(answer("utility", bankId, Map.of("answer", "blue"), 404).path("error").asString())
        .as("a challenge belongs to its provider").isEqualTo("unknown_challenge");
  }

  @Test
  void userExpiredLogsInUntilItsConsentExpiresSevenDaysLater() {
    Instant consented = now();
    assertThat(login("utility", "user_expired", "device-1").path("status").asString()).isEqualTo("authorized");

    sandbox.clock().advance(Duration.ofDays(7).minusSeconds(1));
    assertThat(login("utility", "user_expired", "device-1").path("status").asString()).isEqualTo("authorized");
    sandbox.clock().advance(Duration.ofSeconds(1));
    JsonNode expired = post("/utility/login", Map.of("username", "user_expired", "password", "pass_good", "device_id", "device-1"), 403);

    assertThat(expired.path("error").asString()).isEqualTo("consent_expired");
    assertThat(Instant.parse(expired.path("expired_at").asString())).isEqualTo(consented.plus(Duration.ofDays(7)));
    assertThat(login("utility", "user_expired", "device-2").path("status").asString())
        .as("a new consent from another connection").isEqualTo("authorized");
  }

  @ParameterizedTest
  @ValueSource(strings = {"utility", "bank"})
  void userDownAnswers503WithRetryAfterWhateverThePassword(String provider) {
    for (String password : List.of("pass_good", "pass_bad")) {
      http.post().uri("/" + provider + "/login").contentType(MediaType.APPLICATION_JSON)
          .bodyValue(Map.of("username", "user_down", "password", password)).exchange()
          .expectStatus().isEqualTo(503)
          .expectHeader().valueEquals("Retry-After", "30")
          .expectBody().jsonPath("$.error").isEqualTo("unavailable");
    }
  }

  @Test
  void userSlowAnswersAfterTheDelayWithoutHoldingAThread() {
    http.put().uri("/sandbox/settings").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("slow_delay", "PT1S")).exchange().expectStatus().isOk().expectBody().returnResult();
    WebClient client = WebClient.create(sandbox.baseUrl());
    int requests = 24;

    long started = System.nanoTime();
    List<String> statuses =
        Flux.range(0, requests)
            .flatMap(i -> client.post().uri("/bank/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "user_slow", "password", "pass_good", "device_id", "d" + i))
                .retrieve().bodyToMono(JsonNode.class).map(a -> a.path("status").asString()), requests)
            .collectList()
            .block(Duration.ofSeconds(30));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(statuses).hasSize(requests).containsOnly("authorized");
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    // 24 one-second waits on a server with a couple of event-loop threads: only a timer can overlap them.
    assertThat(took).isLessThan(Duration.ofSeconds(8));
  }

  @Test
  void userWebhookIsAPlainGoodLoginAtTheBank() {
    JsonNode answer = login("bank", "user_webhook", "device-1");

    assertThat(answer.path("status").asString()).isEqualTo("authorized");
    assertThat(numbers(answer.path("accounts"))).containsExactly("1000001101", "1000001102");
  }

  @Test
  void everyUserGoodSuffixIsAGoodLoginWithItsOwnAccounts() {
    assertThat(numbers(login("utility", "user_good_42", "d").path("accounts"))).containsExactly("770000000421", "770000000422");
    assertThat(numbers(login("bank", "user_good_42", "d").path("accounts"))).containsExactly("880000000421", "880000000422");
    assertThat(numbers(login("utility", "user_good_alice", "d").path("accounts")))
        .doesNotContainAnyElementsOf(numbers(login("utility", "user_good_bob", "d").path("accounts")));
  }

  @Test
  void userSampleHoldsTheAccountsOfTheSampleFiles() {
    JsonNode utility = login("utility", "user_sample", "d");
    JsonNode bank = login("bank", "user_sample", "d");

    assertThat(numbers(utility.path("accounts"))).containsExactly("5446AF3F");
    assertThat(utility.path("subscription_id").asString()).isEqualTo("83e269c1");
    assertThat(numbers(bank.path("accounts"))).containsExactly("625671517", "203739147", "766459075", "633636579", "177462074");
  }

  @Test
  void aLoginWithoutAUsernameOrWithABadCallbackIsABadRequest() {
    assertThat(post("/utility/login", Map.of("password", "pass_good"), 400).path("message").asString()).contains("username");
    assertThat(post("/utility/login", Map.of("username", "user_webhook", "password", "pass_good", "callback_url", "not a url"), 400)
            .path("message").asString())
        .contains("callback_url");
    byte[] broken =
        http.post().uri("/bank/login").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"username\": ").exchange()
            .expectStatus().isBadRequest().expectBody().returnResult().getResponseBody();
    assertThat(json.readTree(broken).path("error").asString()).isEqualTo("invalid_request");
  }
}
