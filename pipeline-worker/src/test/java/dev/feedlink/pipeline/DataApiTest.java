package dev.feedlink.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.events.DataAvailable;
import dev.feedlink.platform.PlatformProperties;
import dev.feedlink.platform.web.CallerApp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The data API as the gateway calls it (internal token, the caller's app id): records by account and
 * time range with cursor paging, what a session delivered behind its data link, processing results,
 * and one app never seeing another's data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataApiTest extends PipelineIntegrationTest {

  @Autowired WebTestClient client;
  private final ObjectMapper json = new ObjectMapper();

  private Link utilityLink;
  private UUID utilitySession;
  private Link bankLink;
  private UUID bankSession;

  @BeforeAll
  void connectOnceAtEachProvider() {
    utilityLink = utility("user_good");
    utilitySession = connect(utilityLink);
    bankLink = bank("user_good");
    bankSession = connect(bankLink);
    assertFinalCodes(utilitySession).isEqualTo(SYNCED_AFTER_LOGIN);
    assertFinalCodes(bankSession).isEqualTo(SYNCED_AFTER_LOGIN);
  }

  private JsonNode get(String appId, String uri) {
    byte[] body = client.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(16 << 20)).build().get().uri(uri)
        .header(CallerApp.INTERNAL_TOKEN_HEADER, PlatformProperties.DEVELOPMENT_INTERNAL_TOKEN)
        .header(CallerApp.APP_ID_HEADER, appId)
        .exchange()
        .expectStatus().isOk()
        .expectBody().returnResult().getResponseBody();
    return json.readTree(body);
  }

  private WebTestClient.ResponseSpec call(String appId, String uri) {
    return client.get().uri(uri)
        .header(CallerApp.INTERNAL_TOKEN_HEADER, PlatformProperties.DEVELOPMENT_INTERNAL_TOKEN)
        .header(CallerApp.APP_ID_HEADER, appId)
        .exchange();
  }

  @Test
  void anAccountIsShownToItsAppOnly() {
    String account = "/accounts/" + utilityLink.accountId("5550000101");
    JsonNode view = get(utilityLink.appId(), account);
    assertThat(view.path("account_number").asString()).isEqualTo("5550000101");
    assertThat(view.path("kind").asString()).isEqualTo("electricity");
    assertThat(view.path("unit").asString()).isEqualTo("kWh");
    assertThat(view.path("interval_resolution_minutes").asInt()).isEqualTo(15);

    call("another-app", account).expectStatus().isNotFound()
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    call("another-app", account + "/intervals").expectStatus().isNotFound();
    client.get().uri(account).header(CallerApp.APP_ID_HEADER, utilityLink.appId()).exchange().expectStatus().isUnauthorized();
  }

  /** Every interval start of the account, page after page of {@code limit}; also counts the pages. */
  private List<String> starts(String base, int limit, int[] pages) {
    List<String> starts = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = get(utilityLink.appId(), base + "?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
      page.path("intervals").forEach(i -> starts.add(i.path("start_time").asString()));
      cursor = page.path("next_cursor").isString() ? page.path("next_cursor").asString() : null;
      pages[0]++;
    } while (cursor != null);
    return starts;
  }

  @Test
  void intervalsPageByCursorInTimeOrderWithoutLosingOrRepeatingOne() {
    String base = "/accounts/" + utilityLink.accountId("5550000101") + "/intervals";
    int[] bigPages = {0};
    List<String> all = starts(base, 5000, bigPages);
    assertThat(all.size()).isGreaterThan(9 * 96);

    int[] pages = {0};
    List<String> paged = starts(base, 100, pages);

    assertThat(paged).isEqualTo(all).doesNotHaveDuplicates();
    assertThat(paged.stream().map(Instant::parse).toList()).isSorted();
    assertThat(pages[0]).isEqualTo((all.size() + 99) / 100);
    JsonNode first = get(utilityLink.appId(), base + "?limit=1").path("intervals").get(0);
    assertThat(first.path("unit").asString()).isEqualTo("kWh");
    assertThat(Instant.parse(first.path("end_time").asString())).isEqualTo(Instant.parse(first.path("start_time").asString()).plusSeconds(900));
  }

  @Test
  void aTimeRangeReturnsTheIntervalsStartingInIt() {
    String base = "/accounts/" + utilityLink.accountId("5550000101") + "/intervals";
    JsonNode all = get(utilityLink.appId(), base + "?limit=100");
    String from = all.path("intervals").get(10).path("start_time").asString();
    String to = all.path("intervals").get(30).path("start_time").asString();

    JsonNode range = get(utilityLink.appId(), base + "?from=" + from + "&to=" + to);

    assertThat(range.path("intervals").size()).isEqualTo(20);
    assertThat(range.path("intervals").get(0).path("start_time").asString()).isEqualTo(from);
  }

  @Test
  void badParametersAreProblemsNamingTheField() {
    String base = "/accounts/" + utilityLink.accountId("5550000101") + "/intervals";
    call(utilityLink.appId(), base + "?from=yesterday").expectStatus().isBadRequest().expectBody()
        .jsonPath("$.field").isEqualTo("from");
    call(utilityLink.appId(), base + "?limit=0").expectStatus().isBadRequest().expectBody()
        .jsonPath("$.field").isEqualTo("limit");
    call(utilityLink.appId(), base + "?cursor=not-ours").expectStatus().isBadRequest().expectBody()
        .jsonPath("$.field").isEqualTo("cursor");
    call(utilityLink.appId(), "/accounts/not-a-uuid").expectStatus().isBadRequest().expectBody()
        .jsonPath("$.field").isEqualTo("account_id");
    call(utilityLink.appId(), "/data/sessions/" + utilitySession + "/weather").expectStatus().isBadRequest().expectBody()
        .jsonPath("$.field").isEqualTo("data_type")
        .jsonPath("$.valid_values[0]").isEqualTo("interval");
  }

  @Test
  void theDataLinkListsExactlyWhatTheSessionDelivered() {
    DataAvailable delivered = dataAvailableByType(utilitySession).get("interval");
    assertThat(delivered.getInline()).isFalse();
    String link = delivered.getDataLink().substring(delivered.getDataLink().indexOf("/data/"));

    long records = 0;
    List<String> accounts = new ArrayList<>();
    String account = null;
    String cursor = null;
    do {
      JsonNode page = get(utilityLink.appId(), link + "?limit=1000" + (account == null ? "" : "&account_id=" + account)
          + (cursor == null ? "" : "&cursor=" + cursor));
      if (cursor == null) {
        accounts.add(page.path("account_id").asString());
      }
      records += page.path("page").path("intervals").size();
      if (page.path("page").path("next_cursor").isString()) {
        account = page.path("account_id").asString();
        cursor = page.path("page").path("next_cursor").asString();
      } else {
        account = page.path("next_account_id").isString() ? page.path("next_account_id").asString() : null;
        cursor = null;
      }
    } while (account != null);

    assertThat(records).isEqualTo(delivered.getTotalNewRecords());
    assertThat(accounts).containsExactly(utilityLink.accountId("5550000101").toString(), utilityLink.accountId("5550000102").toString());
    call("another-app", link).expectStatus().isNotFound();
  }

  @Test
  void billsAndTheFiveProcessingResultsAreServed() {
    String account = "/accounts/" + utilityLink.accountId("5550000101");
    JsonNode bills = get(utilityLink.appId(), account + "/bills");
    assertThat(bills.path("data_type").asString()).isEqualTo("bill");

    JsonNode processing = get(utilityLink.appId(), account + "/processing");
    assertThat(processing.path("results").valueStream().map(r -> r.path("substage").asString()).toList()).containsExactlyElementsOf(SUBSTAGES);
    JsonNode insights = processing.path("results").get(3).path("result");
    assertThat(insights.path("account_id").asString()).isEqualTo(utilityLink.accountId("5550000101").toString());
    assertThat(insights.has("average_daily_usage")).isTrue();
    JsonNode cleaning = processing.path("results").get(0).path("result");
    assertThat(cleaning.path("readings_received").asInt()).isGreaterThan(0);
    assertThat(processing.path("results").get(4).path("result").has("percentile")).isTrue();
  }

  @Test
  void bankTransactionsBalancesAccountsAndUserInfoAreServed() {
    String account = "/accounts/" + bankLink.accountId("1000000101");
    JsonNode view = get(bankLink.appId(), account);
    assertThat(view.path("details").path("product_category").asString()).isEqualTo("TRANS_AND_SAVINGS_ACCOUNTS");

    JsonNode transactions = get(bankLink.appId(), account + "/transactions?limit=5");
    assertThat(transactions.path("transactions").size()).isEqualTo(5);
    String next = transactions.path("next_cursor").asString();
    JsonNode more = get(bankLink.appId(), account + "/transactions?limit=5&cursor=" + next);
    assertThat(more.path("transactions").get(0).path("transaction_id").asString())
        .isNotEqualTo(transactions.path("transactions").get(4).path("transaction_id").asString());

    JsonNode balances = get(bankLink.appId(), account + "/balances");
    assertThat(balances.path("balances").size()).isEqualTo(1);
    assertThat(balances.path("balances").get(0).path("currency").asString()).isEqualTo("AUD");

    JsonNode accounts = get(bankLink.appId(), "/data/connections/" + bankLink.connectionId() + "/accounts");
    assertThat(accounts.path("accounts").size()).isEqualTo(2);
    JsonNode userInfo = get(bankLink.appId(), "/data/connections/" + bankLink.connectionId() + "/user-info");
    assertThat(userInfo.path("customer").path("customerUType").asString()).isEqualTo("person");
    call("another-app", "/data/connections/" + bankLink.connectionId() + "/user-info").expectStatus().isNotFound();

    call(bankLink.appId(), account + "/intervals").expectStatus().isBadRequest();
  }
}
