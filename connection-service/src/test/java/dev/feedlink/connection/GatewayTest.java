package dev.feedlink.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.platform.PlatformProperties;
import dev.feedlink.platform.web.CallerApp;
import dev.feedlink.testkit.IntegrationTest;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The public entry point: admin creates apps, API tokens authenticate, owned-elsewhere routes are forwarded. */
@IntegrationTest(properties = "feedlink.gateway.admin-token=test-admin")
class GatewayTest {

  /** Stands in for stream-scheduler: records the headers of what the gateway forwards. */
  private static final AtomicReference<HttpHeaders> forwarded = new AtomicReference<>();
  private static final AtomicReference<String> forwardedPath = new AtomicReference<>();

  private static final DisposableServer downstream =
      HttpServer.create()
          .host("127.0.0.1")
          .port(0)
          .handle(
              (request, response) -> {
                HttpHeaders headers = new HttpHeaders();
                request.requestHeaders().forEach(h -> headers.add(h.getKey(), h.getValue()));
                forwarded.set(headers);
                forwardedPath.set(request.uri());
                return response.header("Content-Type", "application/json").sendString(reactor.core.publisher.Mono.just("{\"from\":\"scheduler\"}"));
              })
          .bindNow();

  @DynamicPropertySource
  static void downstream(DynamicPropertyRegistry registry) {
    registry.add("feedlink.gateway.stream-scheduler", () -> "http://127.0.0.1:" + downstream.port());
  }

  @AfterAll
  static void stopDownstream() {
    downstream.disposeNow();
  }

  @Autowired WebTestClient client;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void reset() {
    forwarded.set(null);
    forwardedPath.set(null);
  }

  private JsonNode createApp(String name) {
    byte[] body =
        client.post().uri("/admin/apps")
            .header(HttpHeaders.AUTHORIZATION, "Bearer test-admin")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", name))
            .exchange()
            .expectStatus().isCreated()
            .expectBody().returnResult().getResponseBody();
    return json.readTree(body);
  }

  @Test
  void anAdminCreatesAnAppAndGetsItsTokenOnce() {
    JsonNode app = createApp("Acme Energy");

    assertThat(app.path("app_id").asString()).matches("[0-9a-f-]{36}");
    assertThat(app.path("name").asString()).isEqualTo("Acme Energy");
    assertThat(app.path("api_token").asString()).matches("fl_[A-Za-z0-9]{32}");
  }

  @Test
  void creatingAnAppNeedsTheAdminToken() {
    client.post().uri("/admin/apps")
        .header(HttpHeaders.AUTHORIZATION, "Bearer not-the-admin")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("name", "x"))
        .exchange()
        .expectStatus().isUnauthorized()
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void anAppWithoutANameIsABadRequestNamingTheField() {
    client.post().uri("/admin/apps")
        .header(HttpHeaders.AUTHORIZATION, "Bearer test-admin")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("name", " "))
        .exchange()
        .expectStatus().isBadRequest()
        .expectBody().jsonPath("$.field").isEqualTo("name");
  }

  @Test
  void aForwardedRequestCarriesTheCallersAppAndTheInternalTokenAndNotForgedOnes() {
    JsonNode app = createApp("Forwarded");

    client.get().uri("/accounts/123/stream/status")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + app.path("api_token").asString())
        .header(CallerApp.APP_ID_HEADER, "someone-elses-app")
        .header(CallerApp.INTERNAL_TOKEN_HEADER, "guessed")
        .exchange()
        .expectStatus().isOk()
        .expectBody().jsonPath("$.from").isEqualTo("scheduler");

    HttpHeaders headers = forwarded.get();
    assertThat(headers.get(CallerApp.APP_ID_HEADER)).containsExactly(app.path("app_id").asString());
    assertThat(headers.get(CallerApp.INTERNAL_TOKEN_HEADER)).containsExactly(PlatformProperties.DEVELOPMENT_INTERNAL_TOKEN);
  }

  @Test
  void aRequestWithoutAValidTokenIsNotForwarded() {
    client.get().uri("/accounts/123/stream/status")
        .header(HttpHeaders.AUTHORIZATION, "Bearer fl_wrong")
        .exchange()
        .expectStatus().isUnauthorized()
        .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    client.get().uri("/accounts/123/stream/status").exchange().expectStatus().isUnauthorized();
    assertThat(forwarded.get()).isNull();
  }

  @Test
  void aServicesApiDescriptionIsForwardedToItsOwnWithoutATokenActingForNoApp() {
    client.get().uri("/v3/api-docs/stream")
        .header(CallerApp.APP_ID_HEADER, "someone-elses-app")
        .exchange()
        .expectStatus().isOk()
        .expectBody().jsonPath("$.from").isEqualTo("scheduler");

    assertThat(forwardedPath.get()).isEqualTo("/v3/api-docs");
    HttpHeaders headers = forwarded.get();
    assertThat(headers.get(CallerApp.APP_ID_HEADER)).as("a forged app id is dropped, none is added").isNull();
    assertThat(headers.get(CallerApp.INTERNAL_TOKEN_HEADER)).containsExactly(PlatformProperties.DEVELOPMENT_INTERNAL_TOKEN);
  }
}
