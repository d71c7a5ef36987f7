package dev.feedlink.connection.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.platform.time.AdjustableClock;
import dev.feedlink.testkit.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * connection-service against real Kafka and PostgreSQL, driven through its REST API, with the
 * pipeline's side played by {@link ScriptedPipeline}.
 */
@IntegrationTest(properties = {"feedlink.gateway.admin-token=test-admin", "feedlink.gateway.max-body-size=16KB"})
public abstract class ServiceTest {

  protected static final String ADMIN = "test-admin";
  private static ScriptedPipeline sharedPipeline;

  @Autowired protected WebTestClient client;
  @Autowired protected Clock clock;
  protected final ObjectMapper json = new ObjectMapper();
  protected ScriptedPipeline pipeline;

  /** An app and its API token. */
  public record TestApp(UUID id, String token) {}

  /** An HTTP answer: status and parsed body. */
  public record Reply(int status, JsonNode body, HttpHeaders headers) {}

  @BeforeEach
  void startPipeline() {
    synchronized (ServiceTest.class) {
      if (sharedPipeline == null) {
        sharedPipeline = new ScriptedPipeline(clock);
        sharedPipeline.catalogueSandboxProviders();
        Runtime.getRuntime().addShutdownHook(new Thread(sharedPipeline::close));
      }
    }
    pipeline = sharedPipeline;
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> get(createAppOnce().token(), "/providers").body().path("providers").size() >= 2);
  }

  private TestApp probeApp;

  private TestApp createAppOnce() {
    if (probeApp == null) {
      probeApp = createApp("probe");
    }
    return probeApp;
  }

  protected AdjustableClock adjustableClock() {
    return (AdjustableClock) clock;
  }

  protected TestApp createApp(String name) {
    Reply reply = call(HttpMethod.POST, "/admin/apps", ADMIN, Map.of("name", name), Map.of());
    assertThat(reply.status()).isEqualTo(201);
    return new TestApp(UUID.fromString(reply.body().path("app_id").asString()), reply.body().path("api_token").asString());
  }

  protected Reply get(String token, String path) {
    return call(HttpMethod.GET, path, token, null, Map.of());
  }

  protected Reply post(String token, String path, Object body) {
    return call(HttpMethod.POST, path, token, body, Map.of());
  }

  protected Reply call(HttpMethod method, String path, String token, Object body, Map<String, String> headers) {
    WebTestClient.RequestBodySpec spec = client.method(method).uri(path);
    if (token != null) {
      spec.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    }
    headers.forEach(spec::header);
    WebTestClient.RequestHeadersSpec<?> request =
        body == null ? spec : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    EntityExchangeResult<byte[]> result = request.exchange().expectBody().returnResult();
    byte[] bytes = result.getResponseBody();
    JsonNode parsed;
    try {
      parsed = bytes == null || bytes.length == 0 ? json.nullNode() : json.readTree(bytes);
    } catch (RuntimeException e) {
      parsed = json.getNodeFactory().stringNode(new String(bytes));
    }
    return new Reply(result.getStatus().value(), parsed, result.getResponseHeaders());
  }

  /** Links a login at a provider for a new end user; answers the creation reply. */
  protected Reply link(TestApp app, UUID providerId, UUID userId, String username, String password) {
    return post(
        app.token(),
        "/connections",
        Map.of(
            "provider_id", providerId.toString(),
            "user_id", userId.toString(),
            "credentials", Map.of("username", username, "password", password)));
  }

  protected JsonNode context(TestApp app, UUID connectionId) {
    Reply reply = get(app.token(), "/connection/context?connection_id=" + connectionId);
    assertThat(reply.status()).as("context: %s", reply.body()).isEqualTo(200);
    return reply.body();
  }

  protected JsonNode entity(TestApp app, UUID connectionId) {
    Reply reply = get(app.token(), "/connections/" + connectionId);
    assertThat(reply.status()).isEqualTo(200);
    return reply.body();
  }

  protected JsonNode sessions(TestApp app, UUID connectionId) {
    Reply reply = get(app.token(), "/connections/" + connectionId + "/sessions");
    assertThat(reply.status()).isEqualTo(200);
    return reply.body();
  }

  /** Waits until the context shows this status and reason, and returns it. */
  protected JsonNode awaitContext(TestApp app, UUID connectionId, String status, String reason) {
    return awaitContext(app, connectionId, c -> c.path("connection_status").asString().equals(status)
        && c.path("connection_status_reason").asString().equals(reason));
  }

  protected JsonNode awaitContext(TestApp app, UUID connectionId, Predicate<JsonNode> condition) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(25))
        .until(() -> context(app, connectionId), condition);
  }

  /** Waits until the session history holds {@code count} transitions in all. */
  protected JsonNode awaitTransitions(TestApp app, UUID connectionId, int count) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(25))
        .until(() -> sessions(app, connectionId), s -> transitions(s) >= count);
  }

  protected static int transitions(JsonNode sessions) {
    int n = 0;
    for (JsonNode s : sessions.path("sessions")) {
      n += s.path("transitions").size();
    }
    return n;
  }
}
