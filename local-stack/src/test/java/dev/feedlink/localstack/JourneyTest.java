package dev.feedlink.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.localstack.journey.FeedlinkApi;
import dev.feedlink.localstack.journey.Journey;
import dev.feedlink.localstack.journey.WebhookReceiver;
import dev.feedlink.localstack.journey.WebhookReceiver.Delivery;
import dev.feedlink.testkit.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The whole journey across every service, on real Kafka and PostgreSQL, with the sandbox provider
 * and a real webhook receiver: login with MFA, first sync, a daily Stream, a day passing, nothing
 * new, a password changed at the provider, new credentials, a Rewind over delivered and older days.
 */
class JourneyTest {

  private static final ZoneId UTILITY_ZONE = ZoneId.of("America/New_York");

  private static RunningStack stack;
  private static WebhookReceiver receiver;
  private static Journey journey;

  @BeforeAll
  static void playTheJourney() {
    TestInfrastructure infra = TestInfrastructure.get();
    stack = LocalStack.start(
        new StackSettings(infra.kafkaBootstrapServers(), infra.r2dbcUrl(), infra.jdbcUrl(), infra.user(), infra.password(),
            0, 0, 0, 0, 0, "journey-admin", Map.of("logging.level.root", "WARN", "logging.level.dev.feedlink", "INFO")));
    receiver = WebhookReceiver.start();
    FeedlinkApi api = new FeedlinkApi(stack.gatewayUrl(), "http://localhost:" + stack.port(LocalStack.SANDBOX_PROVIDER));
    journey = new Journey(api, receiver, System.out::println, Duration.ofSeconds(90)).play("journey-admin");
  }

  @AfterAll
  static void stop() {
    if (receiver != null) {
      receiver.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void theContextWentFromNewThroughTheMfaDialogueToDataFound() {
    List<String> announced =
        receiver.deliveries(d -> d.type().equals("connection.status_changed")).stream()
            .filter(d -> d.body().path("connection_id").asString().equals(journey.connectionId))
            .map(d -> d.body().path("connection_status").asString() + " / " + d.body().path("connection_status_reason").asString())
            .toList();
    assertThat(announced)
        .containsSubsequence(
            "Connecting / New", "Connecting / MfaCodeRequired", "Connecting / MfaCodeInvalid", "Connected / DataFound",
            "Disconnected / InvalidCredentials", "Connecting / MfaCodeRequired", "Connected / DataFound");
    assertThat(receiver.deliveries(d -> d.type().equals("connection.action_required")))
        .extracting(d -> d.body().path("action_required").asString())
        .contains("mfa_code");
  }

  @Test
  void theFirstSessionWentThroughEverySeed002StageToSynced() {
    List<Integer> codes = journey.firstSessionCodes;
    assertThat(codes.get(0)).isEqualTo(6);
    assertThat(codes).containsSubsequence(6, 9, 2, 12, 13, 15, 21, 16, 18, 19);
    assertThat(codes.stream().filter(c -> c == 16).count()).as("one Processing event per substage").isEqualTo(5);
    assertThat(codes.get(codes.size() - 1)).isEqualTo(19);
  }

  @Test
  void theScheduledRefreshDeliveredExactlyTheNewDaysIntervalsSigned() {
    Delivery delivery = journey.scheduledDelivery;
    assertThat(delivery.signatureValid()).isTrue();
    JsonNode body = delivery.body();
    assertThat(body.path("source_name").asString()).isEqualTo("Sandbox Energy");
    assertThat(body.path("source_country").asString()).isEqualTo("US");
    assertThat(body.path("username").asString()).isEqualTo(Journey.USERNAME);
    assertThat(body.path("accounts")).hasSize(1);
    JsonNode account = body.path("accounts").get(0);
    assertThat(account.path("account_number").asString()).isEqualTo(journey.accountNumber);
    assertThat(account.path("interval_resolution_minutes").asInt()).isEqualTo(15);

    JsonNode intervals = account.path("intervals");
    Set<LocalDate> days = new HashSet<>();
    Instant previousEnd = null;
    for (JsonNode interval : intervals) {
      Instant start = Instant.parse(interval.path("start_time").asString());
      Instant end = Instant.parse(interval.path("end_time").asString());
      assertThat(Duration.between(start, end)).isEqualTo(Duration.ofMinutes(15));
      if (previousEnd != null) {
        assertThat(start).as("contiguous, no repeats").isEqualTo(previousEnd);
      }
      previousEnd = end;
      days.add(start.atZone(UTILITY_ZONE).toLocalDate());
      assertThat(interval.path("unit").asString()).isEqualTo("kWh");
      assertThat(interval.path("usage").isNumber()).isTrue();
    }
    assertThat(days).as("exactly one local day, the one the day passing published").hasSize(1);
    LocalDate day = days.iterator().next();
    int expected = (int) Duration.between(day.atStartOfDay(UTILITY_ZONE), day.plusDays(1).atStartOfDay(UTILITY_ZONE)).toMinutes() / 15;
    assertThat(intervals).hasSize(expected);
    assertThat(body.path("total_new_records").asLong()).isEqualTo(expected);
  }

  @Test
  void theScheduledDayWasNeverDeliveredBefore() {
    Instant firstNew = Instant.parse(journey.scheduledDelivery.body().path("accounts").get(0).path("intervals").get(0).path("start_time").asString());
    List<Delivery> earlier =
        receiver.deliveries(d -> d.type().equals("data.available") && d.receivedAt().isBefore(journey.scheduledDelivery.receivedAt()));
    for (Delivery d : earlier) {
      for (JsonNode account : d.body().path("accounts")) {
        for (JsonNode interval : account.path("intervals")) {
          assertThat(Instant.parse(interval.path("start_time").asString())).isBefore(firstNew);
        }
      }
    }
  }

  @Test
  void aSecondRefreshFoundNoNewData() {
    JsonNode body = journey.noNewData.body();
    assertThat(journey.noNewData.signatureValid()).isTrue();
    assertThat(body.path("status").asString()).isEqualTo("no_new_data");
    assertThat(body.path("account_id").asString()).isEqualTo(journey.accountId);
    assertThat(body.path("last_refresh").asString()).isNotBlank();
  }

  @Test
  void aChangedPasswordFailedTheRefreshWith40101AndTheNextAttempt() {
    JsonNode body = journey.reconnectionFailed.body();
    assertThat(journey.reconnectionFailed.signatureValid()).isTrue();
    assertThat(body.path("status").asString()).isEqualTo("reconnection_failed");
    assertThat(body.path("code").asInt()).isEqualTo(40101);
    assertThat(body.path("message").asString()).isEqualTo("Reconnection failed due to invalid credentials. User credentials may have changed.");
    assertThat(body.path("next_scheduled_attempt").asString()).isNotBlank();
    assertThat(body.path("resolution").path("action_required").asString()).isEqualTo("user_update");

    assertThat(journey.statusAfterFailure.path("code").asInt()).isEqualTo(40101);
    assertThat(journey.statusAfterFailure.path("next_scheduled_attempt").asString()).isNotBlank();
    assertThat(journey.contextAfterFailure.path("connection_status").asString()).isEqualTo("Disconnected");
    assertThat(journey.contextAfterFailure.path("connection_status_reason").asString()).isEqualTo("InvalidCredentials");
  }

  @Test
  void newCredentialsRepairedTheSameConnectionAndItsAccounts() {
    assertThat(journey.contextAfterRepair.path("connection_id").asString()).isEqualTo(journey.connectionId);
    assertThat(journey.contextAfterRepair.path("entities").toString()).contains(journey.accountId);
    assertThat(journey.deliveryAfterRepair.signatureValid()).isTrue();
  }

  @Test
  void aRewindWasAcceptedForItsWindowAsTheSessionHistoryShows() {
    JsonNode accepted = journey.rewindAccepted;
    assertThat(accepted.path("kind").asString()).isEqualTo("REWIND");
    assertThat(accepted.path("status").asString()).isEqualTo("requested");
    assertThat(Instant.parse(accepted.path("rewind_from").asString())).isEqualTo(journey.rewindFrom);
    assertThat(Instant.parse(accepted.path("rewind_to").asString())).isEqualTo(journey.rewindTo);

    JsonNode session = journey.rewindSession;
    assertThat(session.path("session_id").asString()).isEqualTo(accepted.path("session_id").asString());
    assertThat(session.path("kind").asString()).isEqualTo("REWIND");
    assertThat(Instant.parse(session.path("rewind_from").asString())).isEqualTo(journey.rewindFrom);
    assertThat(Instant.parse(session.path("rewind_to").asString())).isEqualTo(journey.rewindTo);
    List<Integer> codes = new java.util.ArrayList<>();
    session.path("transitions").forEach(t -> codes.add(t.path("code").asInt()));
    assertThat(codes).as("logged in with the stored credentials, no question to the user")
        .containsSubsequence(6, 9, 2, 12, 13, 15, 21, 16, 18, 19).doesNotContain(7, 20);
  }

  @Test
  void theRewindDeliveredTheOlderDaysAsNewAndTheDeliveredDayAgainAsOverlap() {
    Delivery delivery = journey.rewindDelivery;
    assertThat(delivery.signatureValid()).isTrue();
    JsonNode body = delivery.body();
    assertThat(body.path("inline").asBoolean()).isTrue();
    long older = 0;
    long again = 0;
    for (JsonNode account : body.path("accounts")) {
      Instant previousEnd = null;
      for (JsonNode interval : account.path("intervals")) {
        Instant start = Instant.parse(interval.path("start_time").asString());
        if (previousEnd != null) {
          assertThat(start).as("contiguous, no repeats").isEqualTo(previousEnd);
        }
        previousEnd = Instant.parse(interval.path("end_time").asString());
        assertThat(start).as("nothing after the window").isBefore(journey.rewindTo);
        if (start.isBefore(journey.firstDelivered)) {
          older++;
        } else {
          again++;
        }
      }
    }
    // The window's day after the first reading delivered, of both accounts (15- and 60-minute readings).
    assertThat(again).isEqualTo(96 + 24);
    assertThat(older).as("at least the window's day before the first reading delivered").isGreaterThanOrEqualTo(96 + 24);
    assertThat(body.path("total_new_records").asLong()).as("only the older readings are new").isEqualTo(older);
    assertThat(body.path("overlapping_records").asLong()).as("the webhook says what was sent again").isEqualTo(again);
    assertThat(body.path("session_kind").asString()).isEqualTo("REWIND");

    JsonNode outcome = null;
    for (JsonNode o : journey.rewindSession.path("outcomes")) {
      if (o.path("type").asString().equals("data_available") && o.path("data_type").asString().equals("interval")) {
        outcome = o;
      }
    }
    assertThat(outcome).as("the history's interval outcome").isNotNull();
    assertThat(outcome.path("count").asLong()).isEqualTo(older);
    assertThat(outcome.path("overlapping_records").asLong()).isEqualTo(again);

    assertThat(journey.rewindDataLink.path("account_id").asString()).isEqualTo(journey.accountId);
    assertThat(journey.rewindDataLink.path("overlapping_records").asLong()).isEqualTo(96);
  }

  @Test
  void everyWebhookWasSignedAndEachConnectionsSequenceHasNoGaps() {
    List<Delivery> all = receiver.deliveries();
    assertThat(all).allMatch(Delivery::signatureValid);
    Map<String, List<Long>> sequences = new java.util.TreeMap<>();
    Set<String> ids = new HashSet<>();
    for (Delivery d : all) {
      assertThat(ids.add(d.webhookId())).as("webhook-id %s delivered once", d.webhookId()).isTrue();
      if (!d.body().path("connection_id").isMissingNode()) {
        sequences.computeIfAbsent(d.body().path("connection_id").asString(), k -> new java.util.ArrayList<>())
            .add(d.body().path("sequence").asLong());
      }
    }
    sequences.values().forEach(seq -> assertThat(seq.stream().sorted().toList())
        .isEqualTo(java.util.stream.LongStream.rangeClosed(1, seq.size()).boxed().toList()));
  }
}
