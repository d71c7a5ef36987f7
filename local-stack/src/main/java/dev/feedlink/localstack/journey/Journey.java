package dev.feedlink.localstack.journey;

import dev.feedlink.localstack.journey.WebhookReceiver.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * The whole life of one connection, played against a running platform as a client app would: an
 * app and its webhook endpoint, a login with MFA (a wrong code first), the first sync, a daily
 * Stream, a day passing (the scheduled refresh delivers exactly the new day), a refresh with
 * nothing new, the user's password changing at the provider (the refresh fails 40101), new
 * credentials repairing the connection, and a Rewind over the first day delivered and the day
 * before it (older than the first sync looked back). Each step checks what it expects and says
 * what it saw; the demo prints it, the end-to-end tests assert on what it kept.
 */
public final class Journey {

  /** The sandbox login with an MFA code ({@code 123456}); sandbox-provider/README.md. */
  public static final String USERNAME = "user_mfa";
  public static final String PASSWORD = "pass_good";
  public static final String NEW_PASSWORD = "pass_changed_" + Long.toString(System.nanoTime(), 36);
  private static final String UTILITY = "Sandbox Energy";
  /** Seed 002's codes a session ends with (Synced, and its error and timeout states). */
  private static final java.util.Set<Integer> SESSION_ENDS = java.util.Set.of(7, 8, 11, 14, 17, 19, 20, 22, 23, 26);

  private final FeedlinkApi api;
  private final WebhookReceiver receiver;
  private final Consumer<String> timeline;
  private final Duration patience;
  private final Instant started = Instant.now();

  // What the journey saw, for the tests.
  public String appId;
  public String connectionId;
  public String accountId;
  public String accountNumber;
  public final List<String> statuses = new ArrayList<>();
  public List<Integer> firstSessionCodes = List.of();
  public JsonNode streamActivation;
  public Delivery scheduledDelivery;
  public Delivery noNewData;
  public Delivery reconnectionFailed;
  public JsonNode contextAfterFailure;
  public JsonNode statusAfterFailure;
  public JsonNode contextAfterRepair;
  public Delivery deliveryAfterRepair;
  public Instant firstDelivered;
  public Instant rewindFrom;
  public Instant rewindTo;
  public JsonNode rewindAccepted;
  public Delivery rewindDelivery;
  public JsonNode rewindSession;
  public JsonNode rewindDataLink;

  public Journey(FeedlinkApi api, WebhookReceiver receiver, Consumer<String> timeline, Duration patience) {
    this.api = api;
    this.receiver = receiver;
    this.timeline = timeline;
    this.patience = patience;
    receiver.onDelivery(d -> say("  webhook " + describe(d)));
  }

  /** Plays every step; throws {@link JourneyFailed} at the first that does not happen. */
  public Journey play(String adminToken) {
    createAppAndEndpoint(adminToken);
    connectWithMfa();
    activateDailyStream();
    aDayPasses();
    refreshWithNothingNew();
    passwordChangesAtTheProvider();
    newCredentialsRepairIt();
    rewindOverDeliveredAndOlderDays();
    return this;
  }

  public void createAppAndEndpoint(String adminToken) {
    api.sandbox("POST", "/sandbox/reset", null);
    JsonNode app = api.postAs(adminToken, 201, "/admin/apps", Map.of("name", "Journey " + UUID.randomUUID()));
    appId = app.path("app_id").asString();
    api.authenticate(app.path("api_token").asString());
    say("app created: " + appId + " (its API token is shown once and stored only as a hash)");
    JsonNode endpoint = api.post(201, "/webhooks/endpoints", Map.of("url", receiver.url(), "description", "journey receiver"));
    receiver.trust(endpoint.path("secret").asString());
    say("webhook endpoint registered: " + receiver.url() + " for every event type");
  }

  public void connectWithMfa() {
    String providerId = null;
    for (JsonNode p : api.get("/providers").path("providers")) {
      if (p.path("name").asString().equals(UTILITY)) {
        providerId = p.path("id").asString();
      }
    }
    if (providerId == null) {
      throw new JourneyFailed("no provider named " + UTILITY + " in GET /providers");
    }
    JsonNode created =
        api.post(201, "/connections", Map.of(
            "provider_id", providerId,
            "user_id", UUID.randomUUID().toString(),
            "credentials", Map.of("username", USERNAME, "password", PASSWORD)));
    connectionId = created.path("connection_id").asString();
    say("connection created for " + USERNAME + " at " + UTILITY + ": " + connectionId);
    awaitContext("Connecting", "MfaCodeRequired");

    api.post(202, "/connections/" + connectionId + "/answers", Map.of("type", "mfa_code", "answer", "000000"));
    say("answered the MFA code 000000 (wrong)");
    awaitContext("Connecting", "MfaCodeInvalid");

    api.post(202, "/connections/" + connectionId + "/answers", Map.of("type", "mfa_code", "answer", "123456"));
    say("answered the MFA code 123456");
    JsonNode context = awaitContext("Connected", "DataFound");
    StringBuilder entities = new StringBuilder();
    for (JsonNode e : context.path("entities")) {
      entities.append(entities.isEmpty() ? "" : ", ").append(e.path("account_number").asString());
    }
    say("entities: " + context.path("numOfEntities").asInt() + " (" + entities + ")");

    // DataFound is decided at Structured (15); the session goes on through Processing to Synced.
    JsonNode sessions =
        await("the first session to reach Synced (19)",
            () -> api.get("/connections/" + connectionId + "/sessions").path("sessions"),
            s -> {
              JsonNode transitions = s.path(0).path("transitions");
              return transitions.size() > 0 && transitions.get(transitions.size() - 1).path("code").asInt() == 19;
            });
    List<Integer> codes = new ArrayList<>();
    StringBuilder named = new StringBuilder();
    for (JsonNode t : sessions.get(0).path("transitions")) {
      codes.add(t.path("code").asInt());
      named.append(named.isEmpty() ? "" : " → ").append(t.path("code").asInt());
      if (!t.path("substage").isNull() && !t.path("substage").isMissingNode()) {
        named.append(" ").append(t.path("substage").asString());
      }
    }
    firstSessionCodes = List.copyOf(codes);
    say("session history (seed-002 codes): " + named);
    if (codes.isEmpty() || codes.get(codes.size() - 1) != 19) {
      throw new JourneyFailed("the first session did not end Synced (19): " + codes);
    }
  }

  public void activateDailyStream() {
    JsonNode context = api.get("/connection/context?connection_id=" + connectionId);
    for (JsonNode e : context.path("entities")) {
      JsonNode account = api.get("/accounts/" + e.path("account_id").asString());
      if (account.path("kind").asString().equals("electricity")) {
        accountId = account.path("account_id").asString();
        accountNumber = account.path("account_number").asString();
      }
    }
    if (accountId == null) {
      throw new JourneyFailed("no electricity account among " + context.path("entities"));
    }
    streamActivation = api.post(200, "/accounts/" + accountId + "/stream", Map.of("schedule", "daily", "data_type", "interval"));
    say("daily Stream activated for account " + accountNumber + ": status " + streamActivation.path("status").asString()
        + ", next refresh " + streamActivation.path("next_refresh").asString());
  }

  public void aDayPasses() {
    int before = receiver.deliveries().size();
    advanceWorldClock("P1D");
    scheduledDelivery =
        awaitWebhook("the scheduled refresh's data.available", before,
            d -> d.type().equals("data.available") && !d.body().path("job_id").isNull()
                && d.body().path("data_type").asString().equals("interval"));
    JsonNode account = scheduledDelivery.body().path("accounts").get(0);
    JsonNode intervals = account.path("intervals");
    say("the scheduled refresh delivered " + intervals.size() + " new intervals of account "
        + account.path("account_number").asString() + ", " + intervals.get(0).path("start_time").asString() + " to "
        + intervals.get(intervals.size() - 1).path("end_time").asString()
        + (scheduledDelivery.signatureValid() ? ", signature verified" : ", SIGNATURE INVALID"));
    JsonNode status = awaitStreamStatus(s -> s.path("last_attempt").path("result").asString().equals("success"));
    say("stream status: last attempt " + status.path("last_attempt").path("result").asString() + ", fresh data "
        + status.path("last_attempt").path("fresh_data_retrieved").asBoolean() + ", next refresh "
        + status.path("schedule").path("next_refresh").asString());
  }

  public void refreshWithNothingNew() {
    int before = receiver.deliveries().size();
    JsonNode refresh = api.post(202, "/accounts/" + accountId + "/stream/refresh", null);
    say("manual refresh requested: job " + refresh.path("job_id").asString());
    noNewData = awaitWebhook("stream.no_new_data", before, d -> d.type().equals("stream.no_new_data"));
    awaitStreamStatus(s -> s.path("last_attempt").path("result").asString().equals("no_new_data"));
    say("stream status: last attempt no_new_data");
  }

  public void passwordChangesAtTheProvider() {
    api.sandbox("PUT", "/sandbox/users/" + USERNAME + "/password", Map.of("password", NEW_PASSWORD));
    say("the user changed their password at " + UTILITY);
    int before = receiver.deliveries().size();
    advanceWorldClock("P1D");
    reconnectionFailed = awaitWebhook("stream.reconnection_failed", before, d -> d.type().equals("stream.reconnection_failed"));
    statusAfterFailure = awaitStreamStatus(s -> s.path("status").asString().equals("reconnection_failed"));
    say("stream status: " + statusAfterFailure.path("code").asInt() + " " + statusAfterFailure.path("message").asString()
        + " next attempt " + statusAfterFailure.path("next_scheduled_attempt").asString() + ", action "
        + statusAfterFailure.path("resolution").path("action_required").asString());
    contextAfterFailure = awaitContext("Disconnected", "InvalidCredentials");
  }

  public void newCredentialsRepairIt() {
    api.put(202, "/connections/" + connectionId + "/credentials",
        Map.of("credentials", Map.of("username", USERNAME, "password", NEW_PASSWORD)));
    say("the app sent the new credentials");
    // A password change revokes the provider's trust in the device: it asks for MFA again.
    awaitContext("Connecting", "MfaCodeRequired");
    int before = receiver.deliveries().size();
    api.post(202, "/connections/" + connectionId + "/answers", Map.of("type", "mfa_code", "answer", "123456"));
    say("answered the MFA code 123456");
    contextAfterRepair = awaitContext("Connected", "DataFound");
    deliveryAfterRepair =
        awaitWebhook("the repaired session's interval data", before,
            d -> d.type().equals("data.available") && d.body().path("data_type").asString().equals("interval")
                && d.body().path("accounts").toString().contains(accountNumber));
    JsonNode status = awaitStreamStatus(s -> s.path("status").asString().equals("active"));
    say("stream status: " + status.path("status").asString() + ", next refresh " + status.path("schedule").path("next_refresh").asString());
  }

  /**
   * A Rewind from a day before the oldest reading delivered to a day after it: the first sync looked
   * back {@code feedlink.pipeline.initial-history}, the provider holds more, so the older readings
   * arrive as new and the delivered ones again, counted as overlapping.
   */
  public void rewindOverDeliveredAndOlderDays() {
    // A Rewind waits for the connection's running session: the repair goes on after DataFound.
    await("every session to end", () -> api.get("/connections/" + connectionId + "/sessions").path("sessions"), sessions -> {
      for (JsonNode s : sessions) {
        if (!SESSION_ENDS.contains(lastCode(s))) {
          return false;
        }
      }
      return true;
    });
    firstDelivered = Instant.parse(api.get("/accounts/" + accountId + "/intervals?limit=1").path("intervals").get(0)
        .path("start_time").asString());
    rewindFrom = firstDelivered.minus(Duration.ofDays(1));
    rewindTo = firstDelivered.plus(Duration.ofDays(1));
    say("the oldest reading delivered starts " + firstDelivered);
    int before = receiver.deliveries().size();
    rewindAccepted = api.post(202, "/connections/" + connectionId + "/rewind",
        Map.of("rewind_from", rewindFrom.toString(), "rewind_to", rewindTo.toString()));
    String session = rewindAccepted.path("session_id").asString();
    say("Rewind " + rewindFrom + " to " + rewindTo + " requested: session " + session);
    rewindDelivery = awaitWebhook("the Rewind's interval data", before,
        d -> d.type().equals("data.available") && d.body().path("session_id").asString().equals(session)
            && d.body().path("data_type").asString().equals("interval"));
    rewindSession = await("the Rewind's outcome in the session history",
        () -> {
          for (JsonNode s : api.get("/connections/" + connectionId + "/sessions").path("sessions")) {
            if (s.path("session_id").asString().equals(session)) {
              return s;
            }
          }
          return null;
        },
        s -> s != null && lastCode(s) == 19 && s.path("outcomes").toString().contains("overlapping_records"));
    rewindDataLink = api.get("/data/sessions/" + session + "/interval?account_id=" + accountId + "&limit=1");
    say("the Rewind delivered " + rewindDataLink.path("new_records").asLong() + " readings of account " + accountNumber
        + " never delivered before and " + rewindDataLink.path("overlapping_records").asLong() + " delivered already");
  }

  private static int lastCode(JsonNode session) {
    JsonNode transitions = session.path("transitions");
    return transitions.isEmpty() ? -1 : transitions.get(transitions.size() - 1).path("code").asInt();
  }

  // --- waiting and telling -----------------------------------------------------------------------

  private void advanceWorldClock(String amount) {
    JsonNode clock = api.sandbox("POST", "/sandbox/clock", Map.of("advance", amount));
    say("the world's clock moved forward " + amount.substring(1).toLowerCase() + " to " + clock.path("now").asString());
  }

  private JsonNode awaitContext(String status, String reason) {
    JsonNode context =
        await("context " + status + " / " + reason,
            () -> api.get("/connection/context?connection_id=" + connectionId),
            c -> {
              String seen = c.path("connection_status").asString() + " / " + c.path("connection_status_reason").asString();
              if (statuses.isEmpty() || !statuses.get(statuses.size() - 1).equals(seen)) {
                statuses.add(seen);
              }
              return c.path("connection_status").asString().equals(status)
                  && c.path("connection_status_reason").asString().equals(reason);
            });
    say("context: " + status + " / " + reason + " (as of " + context.path("connection_status_timestamp").asString() + ")");
    return context;
  }

  private JsonNode awaitStreamStatus(Predicate<JsonNode> done) {
    return await("stream status", () -> api.get("/accounts/" + accountId + "/stream/status"), done);
  }

  private Delivery awaitWebhook(String what, int after, Predicate<Delivery> which) {
    return await(what + " webhook", () -> {
      List<Delivery> all = receiver.deliveries();
      return all.subList(Math.min(after, all.size()), all.size()).stream().filter(which).findFirst().orElse(null);
    }, d -> d != null);
  }

  private <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
    Instant deadline = Instant.now().plus(patience);
    T last = null;
    while (Instant.now().isBefore(deadline)) {
      last = probe.get();
      if (done.test(last)) {
        return last;
      }
      try {
        Thread.sleep(100); // a client polling the API; the platform's own time is the world clock
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new JourneyFailed("interrupted waiting for " + what);
      }
    }
    throw new JourneyFailed("no " + what + " within " + patience.toSeconds() + " s; last seen: " + last);
  }

  private void say(String line) {
    double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
    timeline.accept(String.format("%6.1fs  %s", seconds, line));
  }

  static String describe(Delivery d) {
    JsonNode b = d.body();
    String what = switch (d.type()) {
      case "connection.status_changed" -> b.path("connection_status").asString() + " / " + b.path("connection_status_reason").asString();
      case "connection.action_required" -> "asks " + b.path("action_required").asString();
      case "data.available" -> b.path("data_type").asString() + ": " + b.path("total_new_records").asLong() + " new records"
          + (b.path("inline").asBoolean(true) ? " inline" : " (link: " + b.path("data_link").asString() + ")")
          + (b.path("job_id").isNull() || b.path("job_id").isMissingNode() ? "" : " for Stream job " + b.path("job_id").asString());
      case "stream.no_new_data" -> "account " + b.path("account_id").asString() + " last_refresh " + b.path("last_refresh").asString();
      case "stream.reconnection_failed" -> b.path("code").asInt() + " " + b.path("message").asString()
          + " next_scheduled_attempt " + b.path("next_scheduled_attempt").asString()
          + " action_required " + b.path("resolution").path("action_required").asString();
      default -> b.toString();
    };
    return d.type() + " #" + b.path("sequence").asLong() + " " + what + (d.signatureValid() ? " (signed ✓)" : " (BAD SIGNATURE)");
  }
}
