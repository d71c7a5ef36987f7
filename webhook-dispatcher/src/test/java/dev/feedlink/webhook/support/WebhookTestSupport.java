package dev.feedlink.webhook.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.events.PromptType;
import dev.feedlink.platform.time.AdjustableClock;
import dev.feedlink.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** What the delivery tests share: the API, the clock, an event publisher, waiting for receivers. */
public abstract class WebhookTestSupport {

  protected static final Events events = new Events();

  @Autowired protected WebTestClient client;
  @Autowired private Clock clock;

  @AfterAll
  static void closeEvents() {
    // One producer for the JVM; closing per class would break the next class.
  }

  protected AdjustableClock clock() {
    return (AdjustableClock) clock;
  }

  protected static ConditionFactory eventually() {
    return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(25));
  }

  protected WebhookApi newApp() {
    return WebhookApi.forNewApp(client);
  }

  protected static String newConnection() {
    return UUID.randomUUID().toString();
  }

  /** Publishes a status change as connection-service would; returns the event id. */
  protected String publishStatus(String appId, String connectionId) {
    var event = Events.statusChanged(appId, connectionId, "Connected", "DataFound", null);
    events.publish(Topics.CONNECTION_EVENTS, connectionId, event);
    return event.getEventId();
  }

  protected String publishStatus(String appId, String connectionId, String status, String reason, PromptType prompt) {
    var event = Events.statusChanged(appId, connectionId, status, reason, prompt);
    events.publish(Topics.CONNECTION_EVENTS, connectionId, event);
    return event.getEventId();
  }

  protected static List<Receiver.Request> awaitReceived(Receiver receiver, int count) {
    return eventually().until(receiver::received, r -> r.size() >= count);
  }

  protected static List<Receiver.Request> awaitReceived(Receiver receiver, Predicate<List<Receiver.Request>> condition) {
    return eventually().until(receiver::received, condition);
  }

  /** The message's attempts, once {@code condition} holds for them. */
  protected JsonNode awaitAttempts(WebhookApi api, String messageId, Predicate<JsonNode> condition) {
    return eventually().until(() -> api.get("/webhooks/messages/" + messageId + "/attempts"), condition);
  }

  /** The app's messages, newest first, once there are at least {@code count}. */
  protected JsonNode awaitMessages(WebhookApi api, String query, int count) {
    return eventually().until(() -> api.get("/webhooks/messages" + query).path("data"), data -> data.size() >= count);
  }

  protected void assertSigned(Receiver.Request request, String secret) {
    new StandardWebhooksVerifier(secret).verify(
        request.header("webhook-id"), request.header("webhook-timestamp"), request.header("webhook-signature"),
        request.body(), clock.instant());
    assertThat(request.header("content-type")).startsWith("application/json");
  }
}
