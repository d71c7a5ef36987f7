package dev.feedlink.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.events.AccountData;
import dev.feedlink.events.BillRecord;
import dev.feedlink.events.IntervalRecord;
import dev.feedlink.events.TransactionRecord;
import dev.feedlink.schemas.Topics;
import dev.feedlink.webhook.support.Events;
import dev.feedlink.webhook.support.Receiver;
import dev.feedlink.webhook.support.WebhookApi;
import dev.feedlink.webhook.support.WebhookIntegrationTest;
import dev.feedlink.webhook.support.WebhookTestSupport;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The webhook bodies carry seed 003's payloads with its field names, shapes and values, plus our
 * envelope ({@code type}, {@code connection_id}, {@code sequence}, {@code created_at}).
 */
@WebhookIntegrationTest
class SeedPayloadsTest extends WebhookTestSupport {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Set<String> ENVELOPE = Set.of("type", "connection_id", "sequence", "created_at");

  /** Seed 003, "Sample Webhook Payload for Daily Interval Data" (its ten intervals). */
  static final String SEED_INTERVALS = """
      {"source_name": "Example Utility Co", "source_country": "US", "username": "[email protected]",
       "accounts": [{"account_number": "123456789", "interval_resolution_minutes": 15, "intervals": [
         {"start_time": "2023-01-01T00:00:00Z", "end_time": "2023-01-01T00:15:00Z", "usage": 1.25, "unit": "kWh"},
         {"start_time": "2023-01-01T00:15:00Z", "end_time": "2023-01-01T00:30:00Z", "usage": 0.80, "unit": "kWh"},
         {"start_time": "2023-01-01T00:30:00Z", "end_time": "2023-01-01T00:45:00Z", "usage": 0.90, "unit": "kWh"},
         {"start_time": "2023-01-01T00:45:00Z", "end_time": "2023-01-01T01:00:00Z", "usage": 1.10, "unit": "kWh"},
         {"start_time": "2023-01-01T01:00:00Z", "end_time": "2023-01-01T01:15:00Z", "usage": 1.35, "unit": "kWh"},
         {"start_time": "2023-01-01T01:15:00Z", "end_time": "2023-01-01T01:30:00Z", "usage": 0.75, "unit": "kWh"},
         {"start_time": "2023-01-01T01:30:00Z", "end_time": "2023-01-01T01:45:00Z", "usage": 1.00, "unit": "kWh"},
         {"start_time": "2023-01-01T01:45:00Z", "end_time": "2023-01-01T02:00:00Z", "usage": 1.40, "unit": "kWh"},
         {"start_time": "2023-01-01T02:00:00Z", "end_time": "2023-01-01T02:15:00Z", "usage": 0.95, "unit": "kWh"},
         {"start_time": "2023-01-01T02:15:00Z", "end_time": "2023-01-01T02:30:00Z", "usage": 0.85, "unit": "kWh"}]}]}
      """;

  static final String SEED_NO_NEW_DATA = """
      {"account_id": "123456789", "status": "no_new_data", "last_refresh": "2023-01-01T00:00:00Z"}
      """;

  static final String SEED_40101 = """
      {"account_id": "123456789", "status": "reconnection_failed", "code": 40101,
       "message": "Reconnection failed due to invalid credentials. User credentials may have changed.",
       "last_attempt": "2024-12-15T12:00:00Z", "next_scheduled_attempt": "2024-12-16T12:00:00Z",
       "resolution": {"action_required": "user_update",
         "details": "Please prompt the user to update their credentials via the client application."}}
      """;

  static final String SEED_40102 = """
      {"account_id": "123456789", "status": "reconnection_failed", "code": 40102,
       "message": "Reconnection failed due to unsuccessful Multi-Factor Authentication (MFA).",
       "last_attempt": "2024-12-15T12:00:00Z",
       "mfa_status": {"required": true, "last_prompt": "2024-12-15T11:55:00Z", "failure_reason": "No code provided."},
       "next_scheduled_attempt": "2024-12-16T12:00:00Z",
       "resolution": {"action_required": "user_mfa",
         "details": "Please prompt the user to complete MFA verification via the client application."}}
      """;

  /** The body without our envelope and without the named extra fields. */
  static ObjectNode seedPart(JsonNode body, String... extras) {
    ObjectNode copy = (ObjectNode) body.deepCopy();
    ENVELOPE.forEach(copy::remove);
    for (String extra : extras) {
      copy.remove(extra);
    }
    return copy;
  }

  Receiver.Request deliver(Receiver receiver, String topic, String connection, org.apache.avro.specific.SpecificRecord event) {
    events.publish(topic, connection, event);
    return awaitReceived(receiver, 1).get(0);
  }

  @Test
  void dataAvailableCarriesTheSeedsIntervalPayloadWithUsagesAsExactDecimals() {
    try (Receiver receiver = Receiver.start()) {
      WebhookApi api = newApp();
      api.createEndpoint(receiver.url());
      String connection = newConnection();
      JsonNode seedAccount = JSON.readTree(SEED_INTERVALS).path("accounts").get(0);
      List<IntervalRecord> intervals = new ArrayList<>();
      String[] usages = {"1.25", "0.80", "0.90", "1.10", "1.35", "0.75", "1.00", "1.40", "0.95", "0.85"};
      for (int i = 0; i < usages.length; i++) {
        JsonNode s = seedAccount.path("intervals").get(i);
        intervals.add(Events.interval(s.path("start_time").asString(), s.path("end_time").asString(), usages[i]));
      }

      Receiver.Request request = deliver(receiver, Topics.DATA_OUTCOMES, connection,
          Events.intervals(api.appId(), connection, intervals, "/data/connections/" + connection + "/intervals?session=session-2"));

      JsonNode body = request.json();
      assertThat(body.path("type").asString()).isEqualTo("data.available");
      assertThat(body.path("data_type").asString()).isEqualTo("interval");
      assertThat(body.path("inline").asBoolean()).isTrue();
      ObjectNode seedPart = seedPart(body, "data_type", "total_new_records", "overlapping_records", "session_kind", "inline", "data_link", "session_id", "job_id");
      ((ObjectNode) seedPart.path("accounts").get(0)).remove("account_id");
      assertThat(seedPart).isEqualTo(JSON.readTree(SEED_INTERVALS));
      assertThat(request.text()).contains("\"usage\":0.80,", "\"usage\":1.00,", "\"usage\":1.25,").doesNotContain("\"usage\":0.8,");
      assertThat(body.path("accounts").get(0).path("account_id").asString()).isEqualTo("acc-" + connection);
      assertThat(body.path("data_link").asString())
          .isEqualTo("https://api.feedlink.test/data/connections/" + connection + "/intervals?session=session-2");
    }
  }

  @Test
  void dataTooLargeToInlineIsSentAsALinkToTheDataApi() {
    try (Receiver receiver = Receiver.start()) {
      WebhookApi api = newApp();
      api.createEndpoint(receiver.url());
      String connection = newConnection();
      List<IntervalRecord> many = new ArrayList<>();
      Instant start = Instant.parse("2024-01-01T00:00:00Z");
      for (int i = 0; i < 200; i++) {
        many.add(Events.interval(start.plusSeconds(900L * i).toString(), start.plusSeconds(900L * (i + 1)).toString(), "0.125"));
      }

      Receiver.Request request = deliver(receiver, Topics.DATA_OUTCOMES, connection,
          Events.intervals(api.appId(), connection, many, "/data/connections/" + connection + "/intervals?session=session-2"));

      JsonNode body = request.json();
      assertThat(request.body().length).isLessThan(8 * 1024);
      assertThat(body.path("inline").asBoolean()).isFalse();
      assertThat(body.path("data_link").asString()).startsWith("https://api.feedlink.test/data/connections/" + connection);
      assertThat(body.path("total_new_records").asLong()).isEqualTo(200);
      JsonNode account = body.path("accounts").get(0);
      assertThat(account.path("account_number").asString()).isEqualTo("123456789");
      assertThat(account.path("new_records").asLong()).isEqualTo(200);
      assertThat(account.has("intervals")).isFalse();
    }
  }

  @Test
  void billsAndBankTransactionsFollowTheSamePattern() {
    try (Receiver receiver = Receiver.start()) {
      WebhookApi api = newApp();
      api.createEndpoint(receiver.url());
      String connection = newConnection();
      AccountData utility = AccountData.newBuilder().setAccountId("a1").setAccountNumber("123456789")
          .setBills(List.of(BillRecord.newBuilder().setBillId("b-2024-11").setPeriodStart(Instant.parse("2024-10-01T00:00:00Z"))
              .setPeriodEnd(Instant.parse("2024-11-01T00:00:00Z")).setAmount("123.40").setCurrency("USD").setUsage("812.500")
              .setUnit("kWh").setNextBillDate(LocalDate.parse("2024-12-01")).build()))
          .setNewRecords(1).build();
      AccountData bank = AccountData.newBuilder().setAccountId("a2").setAccountNumber("062-000 12345678")
          .setTransactions(List.of(TransactionRecord.newBuilder().setTransactionId("t1").setStatus("POSTED")
              .setPostingTime(Instant.parse("2024-12-14T09:30:00Z")).setAmount("-42.10").setCurrency("AUD")
              .setDescription("Coffee").setType("PAYMENT").build()))
          .setNewRecords(1).build();

      events.publish(Topics.DATA_OUTCOMES, connection, Events.data(api.appId(), connection, "bill", List.of(utility), null));
      events.publish(Topics.DATA_OUTCOMES, connection, Events.data(api.appId(), connection, "bank_transaction", List.of(bank), null));

      List<Receiver.Request> received = awaitReceived(receiver, 2);
      JsonNode bill = received.stream().map(Receiver.Request::json).filter(b -> b.path("data_type").asString().equals("bill"))
          .findFirst().orElseThrow().path("accounts").get(0).path("bills").get(0);
      assertThat(bill).isEqualTo(JSON.readTree("""
          {"bill_id": "b-2024-11", "period_start": "2024-10-01T00:00:00Z", "period_end": "2024-11-01T00:00:00Z",
           "amount": 123.40, "currency": "USD", "usage": 812.500, "unit": "kWh", "next_bill_date": "2024-12-01"}"""));
      JsonNode transaction = received.stream().map(Receiver.Request::json)
          .filter(b -> b.path("data_type").asString().equals("bank_transaction"))
          .findFirst().orElseThrow().path("accounts").get(0).path("transactions").get(0);
      assertThat(transaction.path("amount").decimalValue()).isEqualByComparingTo("-42.10");
      assertThat(transaction.path("transaction_id").asString()).isEqualTo("t1");
      assertThat(received).anyMatch(r -> r.text().contains("\"amount\":123.40,"));
    }
  }

  @Test
  void noNewDataCarriesTheSeedsBody() {
    try (Receiver receiver = Receiver.start()) {
      WebhookApi api = newApp();
      api.createEndpoint(receiver.url());
      String connection = newConnection();

      Receiver.Request request = deliver(receiver, Topics.STREAM_EVENTS, connection,
          Events.streamAttempt(api.appId(), connection, "no_new_data").setLastRefresh(Instant.parse("2023-01-01T00:00:00Z")).build());

      assertThat(request.json().path("type").asString()).isEqualTo("stream.no_new_data");
      assertThat(seedPart(request.json())).isEqualTo(JSON.readTree(SEED_NO_NEW_DATA));
    }
  }

  @Test
  void reconnectionFailedCarriesTheSeedsBodiesForCredentialsAndMfa() {
    try (Receiver receiver = Receiver.start()) {
      WebhookApi api = newApp();
      api.createEndpoint(receiver.url(), "event_types", List.of("stream.reconnection_failed"));
      String connection = newConnection();

      events.publish(Topics.STREAM_EVENTS, connection, Events.streamAttempt(api.appId(), connection, "reconnection_failed")
          .setCode(40101).setMessage("Reconnection failed due to invalid credentials. User credentials may have changed.")
          .setNextScheduledAttempt(Instant.parse("2024-12-16T12:00:00Z")).setResolutionAction("user_update")
          .setResolutionDetails("Please prompt the user to update their credentials via the client application.").build());
      events.publish(Topics.STREAM_EVENTS, connection, Events.streamAttempt(api.appId(), connection, "reconnection_failed")
          .setCode(40102).setMessage("Reconnection failed due to unsuccessful Multi-Factor Authentication (MFA).")
          .setMfaRequired(true).setMfaLastPrompt(Instant.parse("2024-12-15T11:55:00Z")).setMfaFailureReason("No code provided.")
          .setNextScheduledAttempt(Instant.parse("2024-12-16T12:00:00Z")).setResolutionAction("user_mfa")
          .setResolutionDetails("Please prompt the user to complete MFA verification via the client application.").build());

      List<Receiver.Request> received = awaitReceived(receiver, 2);
      JsonNode credentials = received.stream().map(Receiver.Request::json).filter(b -> b.path("code").asInt() == 40101).findFirst().orElseThrow();
      JsonNode mfa = received.stream().map(Receiver.Request::json).filter(b -> b.path("code").asInt() == 40102).findFirst().orElseThrow();
      assertThat(credentials.path("type").asString()).isEqualTo("stream.reconnection_failed");
      assertThat(seedPart(credentials)).isEqualTo(JSON.readTree(SEED_40101));
      assertThat(seedPart(mfa)).isEqualTo(JSON.readTree(SEED_40102));
    }
  }
}
