package dev.feedlink.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Each test class gets its own sandbox, started in-process on a free port with a frozen clock at
 * {@link #START} (noon in New York), and talks to it over real HTTP. Every test starts from the
 * documented state; the clock only moves forward, so tests read it rather than assume it.
 */
abstract class SandboxTest {

  static final Instant START = Instant.parse("2026-11-24T17:00:00Z");

  static RunningSandbox sandbox;
  static WebTestClient http;
  static final ObjectMapper json = new ObjectMapper();

  /** Where a test class's sandbox clock starts, when not at {@link #START}. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  @interface ClockStart {
    String value();
  }

  @BeforeAll
  static void startSandbox(TestInfo test) {
    ClockStart start = test.getTestClass().map(c -> c.getAnnotation(ClockStart.class)).orElse(null);
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("sandbox.clock-start", start == null ? START : Instant.parse(start.value()));
    props.put("sandbox.clock-frozen", true);
    sandbox = SandboxProviderApplication.start(props);
    http =
        WebTestClient.bindToServer()
            .baseUrl(sandbox.baseUrl())
            .responseTimeout(Duration.ofSeconds(60))
            .codecs(c -> c.defaultCodecs().maxInMemorySize(64 * 1024 * 1024))
            .build();
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @BeforeEach
  void documentedState() {
    sandbox.reset();
  }

  static JsonNode post(String path, Object body, int expectedStatus) {
    byte[] answer =
        http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
            .expectStatus().isEqualTo(expectedStatus)
            .expectBody().returnResult().getResponseBody();
    return answer == null ? json.nullNode() : json.readTree(answer);
  }

  static JsonNode login(String provider, String username, String device) {
    return post("/" + provider + "/login", Map.of("username", username, "password", "pass_good", "device_id", device), 200);
  }

  /** Logs in a login without challenges and returns its access token. */
  static String token(String provider, String username, String device) {
    JsonNode answer = login(provider, username, device);
    assertThat(answer.path("status").asString()).isEqualTo("authorized");
    return answer.path("access_token").asString();
  }

  static JsonNode answer(String provider, String challengeId, Object body, int expectedStatus) {
    return post("/" + provider + "/login/challenges/" + challengeId, body, expectedStatus);
  }

  static Instant now() {
    return sandbox.clock().instant();
  }
}
