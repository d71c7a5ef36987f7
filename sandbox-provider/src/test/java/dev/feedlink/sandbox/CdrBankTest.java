package dev.feedlink.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Sandbox Bank: the CDR Banking API's envelope, paging, errors, and a ledger growing with the clock. */
class CdrBankTest extends SandboxTest {

  private static final String BASE = "/bank/cds-au/v1";

  private static WebTestClient.ResponseSpec cdr(String token, String path) {
    return http.get().uri(BASE + path).header("Authorization", "Bearer " + token).header("x-v", "1").exchange();
  }

  private static JsonNode ok(String token, String path) {
    return json.readTree(cdr(token, path).expectStatus().isOk().expectHeader().valueEquals("x-v", "1")
        .expectBody().returnResult().getResponseBody());
  }

  private static JsonNode error(WebTestClient.ResponseSpec answer, int status) {
    JsonNode body = json.readTree(answer.expectStatus().isEqualTo(status).expectBody().returnResult().getResponseBody());
    assertThat(body.path("errors").size()).isEqualTo(1);
    return body.path("errors").get(0);
  }

  private static BigDecimal sum(List<JsonNode> transactions) {
    return transactions.stream().map(t -> new BigDecimal(t.path("amount").asString())).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** Every transaction of a window, following {@code links.next} page after page. */
  private static List<JsonNode> allPages(String token, String path) {
    List<JsonNode> all = new ArrayList<>();
    JsonNode page = ok(token, path);
    int total = page.path("meta").path("totalRecords").asInt();
    while (true) {
      page.path("data").path("transactions").forEach(all::add);
      if (!page.path("links").has("next")) {
        break;
      }
      String next = page.path("links").path("next").asString();
      page = ok(token, next.substring(next.indexOf(BASE) + BASE.length()));
    }
    assertThat(all).hasSize(total);
    return all;
  }

  private static Map<String, BigDecimal> balances(String token) {
    Map<String, BigDecimal> balances = new HashMap<>();
    ok(token, "/banking/accounts/balances").path("data").path("balances")
        .forEach(b -> balances.put(b.path("accountId").asString(), new BigDecimal(b.path("currentBalance").asString())));
    return balances;
  }

  @Test
  void accountsComeInTheCdrEnvelopeWithTheCdrHeaders() {
    String token = token("bank", "user_good", "device-1");

    byte[] body = http.get().uri(BASE + "/banking/accounts").header("Authorization", "Bearer " + token).header("x-v", "1")
        .header("x-fapi-interaction-id", "abc-123").exchange()
        .expectStatus().isOk()
        .expectHeader().valueEquals("x-v", "1").expectHeader().valueEquals("x-fapi-interaction-id", "abc-123")
        .expectBody().returnResult().getResponseBody();
    JsonNode answer = json.readTree(body);

    JsonNode accounts = answer.path("data").path("accounts");
    assertThat(accounts.size()).isEqualTo(2);
    JsonNode everyday = accounts.get(0);
    assertThat(everyday.path("accountId").asString()).isEqualTo("1000000101");
    assertThat(everyday.path("productCategory").asString()).isEqualTo("TRANS_AND_SAVINGS_ACCOUNTS");
    assertThat(everyday.path("displayName").asString()).isEqualTo("Everyday Account");
    assertThat(everyday.path("maskedNumber").asString()).isEqualTo("xxxxxx0101");
    assertThat(everyday.path("openStatus").asString()).isEqualTo("OPEN");
    assertThat(everyday.path("isOwned").asBoolean()).isTrue();
    assertThat(everyday.path("creationDate").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
    assertThat(answer.path("links").path("self").asString()).isEqualTo(sandbox.baseUrl() + BASE + "/banking/accounts");
    assertThat(answer.path("links").path("first").asString()).endsWith("/banking/accounts?page=1");
    assertThat(answer.path("links").has("next")).isFalse();
    assertThat(answer.path("meta").path("totalRecords").asInt()).isEqualTo(2);
    assertThat(answer.path("meta").path("totalPages").asInt()).isEqualTo(1);
  }

  @Test
  void transactionsPageThroughTheWindowNewestFirstWithoutGapsOrRepeats() {
    String token = token("bank", "user_good", "device-1");

    JsonNode first = ok(token, "/banking/accounts/1000000101/transactions?page-size=10");
    List<JsonNode> all = allPages(token, "/banking/accounts/1000000101/transactions?page-size=10");

    int total = first.path("meta").path("totalRecords").asInt();
    assertThat(total).isBetween(60, 400);
    assertThat(first.path("meta").path("totalPages").asInt()).isEqualTo((total + 9) / 10);
    assertThat(first.path("links").path("last").asString()).endsWith("page=" + (total + 9) / 10);
    assertThat(first.path("links").has("prev")).isFalse();
    Set<String> ids = new HashSet<>();
    Instant previous = Instant.MAX;
    for (JsonNode t : all) {
      assertThat(ids.add(t.path("transactionId").asString())).isTrue();
      Instant at = Instant.parse(t.path("postingDateTime").asString());
      assertThat(at).isBeforeOrEqualTo(previous).isAfter(now().minus(Duration.ofDays(90))).isBeforeOrEqualTo(now());
      assertThat(t.path("executionDateTime").asString()).isEqualTo(t.path("postingDateTime").asString());
      assertThat(t.path("status").asString()).isEqualTo("POSTED");
      assertThat(t.path("currency").asString()).isEqualTo("AUD");
      assertThat(t.path("accountId").asString()).isEqualTo("1000000101");
      previous = at;
    }
  }

  @Test
  void pagingOutsideTheRulesIsRefusedWithCdrErrors() {
    String token = token("bank", "user_good", "device-1");

    assertThat(error(cdr(token, "/banking/accounts?page=2"), 422).path("code").asString())
        .isEqualTo("urn:au-cds:error:cds-all:Field/InvalidPage");
    assertThat(error(cdr(token, "/banking/accounts?page-size=1001"), 400).path("code").asString())
        .isEqualTo("urn:au-cds:error:cds-all:Field/InvalidPageSize");
    assertThat(error(cdr(token, "/banking/accounts?page=first"), 400).path("code").asString())
        .isEqualTo("urn:au-cds:error:cds-all:Field/Invalid");
    assertThat(error(cdr(token, "/banking/accounts?page=0"), 400).path("code").asString())
        .isEqualTo("urn:au-cds:error:cds-all:Field/Invalid");
    assertThat(ok(token, "/banking/accounts?page-size=1000").path("data").path("accounts").size()).isEqualTo(2);
    assertThat(error(cdr(token, "/banking/accounts/1000000101/transactions?oldest-time=last-week"), 400).path("code").asString())
        .isEqualTo("urn:au-cds:error:cds-all:Field/InvalidDateTime");
    assertThat(error(cdr(token, "/banking/accounts/1000000201/transactions"), 404).path("code").asString())
        .isEqualTo("urn:au-cds:error:cds-banking:Authorisation/InvalidBankingAccount");
  }

  @Test
  void theVersionHeaderIsNegotiatedAsTheCdrSays() {
    String token = token("bank", "user_good", "device-1");
    WebTestClient.RequestHeadersSpec<?> noVersion =
        http.get().uri(BASE + "/common/customer").header("Authorization", "Bearer " + token);

    assertThat(error(noVersion.exchange(), 400).path("code").asString()).isEqualTo("urn:au-cds:error:cds-all:Header/Missing");
    assertThat(error(http.get().uri(BASE + "/common/customer").header("Authorization", "Bearer " + token).header("x-v", "one").exchange(), 400)
            .path("code").asString())
        .isEqualTo("urn:au-cds:error:cds-all:Header/InvalidVersion");
    assertThat(error(http.get().uri(BASE + "/common/customer").header("Authorization", "Bearer " + token).header("x-v", "2").exchange(), 406)
            .path("code").asString())
        .isEqualTo("urn:au-cds:error:cds-all:Header/UnsupportedVersion");
    http.get().uri(BASE + "/common/customer").header("Authorization", "Bearer " + token).header("x-v", "3").header("x-min-v", "1")
        .exchange().expectStatus().isOk().expectHeader().valueEquals("x-v", "1").expectBody().returnResult();
  }

  @Test
  void transactionsGrowWithTheClockAndTheBalanceMovesByExactlyTheirSum() {
    String token = token("bank", "user_good", "device-1");
    Instant before = now();
    Map<String, BigDecimal> balancesBefore = balances(token);
    String window = "?oldest-time=" + before.minus(Duration.ofDays(30)) + "&newest-time=" + before + "&page-size=1000";
    JsonNode earlier = ok(token, "/banking/accounts/1000000101/transactions" + window).path("data");

    sandbox.clock().advance(Duration.ofDays(10));
    token = token("bank", "user_good", "device-1");
    JsonNode again = ok(token, "/banking/accounts/1000000101/transactions" + window).path("data");
    Map<String, BigDecimal> balancesAfter = balances(token);

    assertThat(again).as("a past window does not change").isEqualTo(earlier);
    for (String account : List.of("1000000101", "1000000102")) {
      List<JsonNode> added = allPages(token, "/banking/accounts/" + account + "/transactions?oldest-time=" + before.plusSeconds(1) + "&page-size=7");
      assertThat(added).isNotEmpty().allSatisfy(t -> assertThat(Instant.parse(t.path("postingDateTime").asString()))
          .isAfter(before).isBeforeOrEqualTo(now()));
      assertThat(balancesAfter.get(account).subtract(balancesBefore.get(account))).isEqualByComparingTo(sum(added));
    }
  }

  @Test
  void theLedgerLooksLikeAHouseholdsAndMirrorsTransfersBetweenAccounts() {
    String token = token("bank", "user_good", "device-1");
    String window = "?oldest-time=" + now().minus(Duration.ofDays(120)) + "&page-size=1000";

    List<JsonNode> everyday = allPages(token, "/banking/accounts/1000000101/transactions" + window);
    List<JsonNode> savings = allPages(token, "/banking/accounts/1000000102/transactions" + window);

    Set<String> types = new HashSet<>();
    everyday.forEach(t -> types.add(t.path("type").asString()));
    assertThat(types).contains("TRANSFER_INCOMING", "TRANSFER_OUTGOING", "PAYMENT", "DIRECT_DEBIT", "FEE");
    assertThat(everyday).filteredOn(t -> t.path("type").asString().equals("PAYMENT"))
        .allSatisfy(t -> {
          assertThat(t.path("merchantName").asString()).isNotBlank();
          assertThat(t.path("merchantCategoryCode").asString()).matches("\\d{4}");
          assertThat(new BigDecimal(t.path("amount").asString())).isNegative();
        });
    Map<String, String> toSavings = new HashMap<>();
    everyday.stream().filter(t -> t.path("description").asString().equals("Transfer to Bonus Saver"))
        .forEach(t -> toSavings.put(t.path("postingDateTime").asString(), t.path("amount").asString()));
    Map<String, String> fromEveryday = new HashMap<>();
    savings.stream().filter(t -> t.path("description").asString().equals("Transfer from Everyday Account"))
        .forEach(t -> fromEveryday.put(t.path("postingDateTime").asString(), "-" + t.path("amount").asString()));
    assertThat(toSavings).hasSizeGreaterThanOrEqualTo(7).isEqualTo(fromEveryday);
  }

  @Test
  void theSameRequestAnswersTheSameData() {
    String token = token("bank", "user_good", "device-1");
    String path = "/banking/accounts/1000000102/transactions?newest-time=" + now() + "&oldest-time=" + now().minus(Duration.ofDays(300));

    JsonNode first = ok(token, path);
    JsonNode second = ok(token("bank", "user_good", "device-2"), path);

    assertThat(second).isEqualTo(first);
    assertThat(first.path("meta").path("totalRecords").asInt()).isPositive();
  }

  @Test
  void aCardHasACreditLimitAndAnAvailableBalanceBelowIt() {
    String id = login("bank", "user_select", "device-1").path("challenge").path("id").asString();
    String token = answer("bank", id, Map.of("accounts", List.of("1000000603")), 200).path("access_token").asString();

    JsonNode accounts = ok(token, "/banking/accounts").path("data").path("accounts");
    JsonNode balance = ok(token, "/banking/accounts/balances").path("data").path("balances").get(0);

    assertThat(accounts.size()).isEqualTo(1);
    assertThat(accounts.get(0).path("productCategory").asString()).isEqualTo("CRED_AND_CHRG_CARDS");
    assertThat(accounts.get(0).path("maskedNumber").asString()).isEqualTo("xxxx xxxx xxxx 0603");
    assertThat(balance.path("creditLimit").asString()).isEqualTo("6000.00");
    assertThat(new BigDecimal(balance.path("availableBalance").asString()))
        .isEqualByComparingTo(new BigDecimal("6000.00").add(new BigDecimal(balance.path("currentBalance").asString())));
  }

  @Test
  void theCustomerIsAPersonInASingleResourceEnvelope() {
    String token = token("bank", "user_good", "device-1");

    JsonNode answer = ok(token, "/common/customer");

    assertThat(answer.path("data").path("customerUType").asString()).isEqualTo("person");
    assertThat(answer.path("data").path("person").path("lastName").asString()).isNotBlank();
    assertThat(answer.path("data").path("person").path("middleNames").isArray()).isTrue();
    assertThat(answer.path("links").path("self").asString()).endsWith(BASE + "/common/customer");
    assertThat(answer.path("meta").isObject()).isTrue();
    assertThat(answer.path("meta").size()).isZero();
  }

  @Test
  void userSampleServesTheUc5TestData() {
    String token = token("bank", "user_sample", "device-1");

    JsonNode accounts = ok(token, "/banking/accounts").path("data").path("accounts");
    JsonNode balances = ok(token, "/banking/accounts/balances").path("data").path("balances");
    JsonNode transactions = ok(token, "/banking/accounts/625671517/transactions?oldest-time=2000-01-01T00:00:00Z").path("data").path("transactions");
    JsonNode recent = ok(token, "/banking/accounts/625671517/transactions").path("data").path("transactions");
    JsonNode customer = ok(token, "/common/customer").path("data");

    assertThat(accounts.size()).isEqualTo(5);
    assertThat(accounts.get(0).path("accountId").asString()).isEqualTo("625671517");
    assertThat(accounts.get(0).has("bsb")).as("detail fields stay out of the list").isFalse();
    assertThat(balances.size()).isEqualTo(5);
    assertThat(balances.get(0).path("currentBalance").asString()).isEqualTo("100.00");
    assertThat(transactions.size()).isEqualTo(10);
    assertThat(transactions.get(0).path("transactionId").asString()).isEqualTo("779132315");
    assertThat(transactions.get(0).has("extendedData")).isFalse();
    assertThat(recent).as("whatever the window").isEqualTo(transactions);
    assertThat(customer.path("person").path("firstName").asString()).isEqualTo("Christian");
    assertThat(customer.path("person").path("lastName").asString()).isEqualTo("Hahn");
  }

  @Test
  void userMalformedServesValidJsonWithoutTheFieldsTheCdrRequires() {
    String token = token("bank", "user_malformed", "device-1");

    JsonNode account = ok(token, "/banking/accounts").path("data").path("accounts").get(0);
    JsonNode balance = ok(token, "/banking/accounts/balances").path("data").path("balances").get(0);
    JsonNode transaction = ok(token, "/banking/accounts/1000001201/transactions").path("data").path("transactions").get(0);
    JsonNode customer = ok(token, "/common/customer").path("data");

    assertThat(account.has("accountId")).isFalse();
    assertThat(account.has("productCategory")).isFalse();
    assertThat(account.has("displayName")).isTrue();
    assertThat(balance.has("currentBalance") || balance.has("availableBalance")).isFalse();
    assertThat(transaction.has("transactionId") || transaction.has("amount") || transaction.has("status")).isFalse();
    assertThat(transaction.has("description")).isTrue();
    assertThat(customer.has("customerUType")).isFalse();
  }

  @Test
  void userNodataHasItsAccountAndNothingElse() {
    String token = token("bank", "user_nodata", "device-1");

    assertThat(ok(token, "/banking/accounts").path("data").path("accounts").size()).isEqualTo(1);
    JsonNode balances = ok(token, "/banking/accounts/balances");
    assertThat(balances.path("data").path("balances").size()).isZero();
    assertThat(balances.path("meta").path("totalPages").asInt()).isZero();
    assertThat(ok(token, "/banking/accounts/1000000701/transactions?oldest-time=2000-01-01T00:00:00Z")
            .path("meta").path("totalRecords").asInt()).isZero();
  }

  @Test
  void theBankRefusesAUtilityTokenAndAnExpiredConsent() {
    String utility = token("utility", "user_good", "device-1");
    http.get().uri(BASE + "/banking/accounts").header("Authorization", "Bearer " + utility).header("x-v", "1").exchange()
        .expectStatus().isUnauthorized().expectBody().jsonPath("$.error").isEqualTo("invalid_token");

    token("bank", "user_expired", "device-1");
    sandbox.clock().advance(Duration.ofDays(7).minusMinutes(1));
    String token = token("bank", "user_expired", "device-1");
    sandbox.clock().advance(Duration.ofMinutes(1));
    cdr(token, "/banking/accounts").expectStatus().isForbidden().expectBody().jsonPath("$.error").isEqualTo("consent_expired");
  }
}
