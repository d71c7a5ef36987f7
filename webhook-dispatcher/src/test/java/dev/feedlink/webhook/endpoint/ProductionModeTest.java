package dev.feedlink.webhook.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.testkit.IntegrationTest;
import dev.feedlink.webhook.support.IsolatedDatabase;
import dev.feedlink.webhook.support.WebhookApi;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * With production settings (no development mode, the default empty allow-list) only public https
 * targets are accepted. A database and consumer group of its own: its dispatcher would refuse the
 * other tests' loopback receivers.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@IntegrationTest(properties = {
  "spring.application.name=webhook-dispatcher-production-test",
  "feedlink.development-mode=false",
  "feedlink.internal-token=production-test-token",
  "feedlink.crypto.keys.k1=cHJvZHVjdGlvbi10ZXN0LWtleS0zMi1ieXRlcy1sb24="
})
class ProductionModeTest {

  @Autowired WebTestClient client;

  @DynamicPropertySource
  static void ownDatabase(DynamicPropertyRegistry registry) {
    String database = IsolatedDatabase.create("production");
    registry.add("spring.r2dbc.url", () -> IsolatedDatabase.r2dbcUrl(database));
    registry.add("spring.flyway.url", () -> IsolatedDatabase.jdbcUrl(database));
  }

  WebhookApi api() {
    return new WebhookApi(client, UUID.randomUUID().toString(), "production-test-token");
  }

  @Test
  void plainHttpIsRefused() {
    JsonNode problem = api().json(HttpMethod.POST, "/webhooks/endpoints", Map.of("url", "http://hooks.example.com/feedlink"), 400);

    assertThat(problem.path("field").asString()).isEqualTo("url");
    assertThat(problem.path("detail").asString()).contains("https");
  }

  @Test
  void loopbackIsRefusedEvenOverHttps() {
    for (String url : new String[] {"https://127.0.0.1/hooks", "https://localhost:8443/hooks", "https://[::1]/"}) {
      JsonNode problem = api().json(HttpMethod.POST, "/webhooks/endpoints", Map.of("url", url), 400);
      assertThat(problem.path("detail").asString()).as(url).contains("refused");
    }
  }

  @Test
  void theDevelopmentInternalTokenIsNotAccepted() {
    new WebhookApi(client, UUID.randomUUID().toString()).call(HttpMethod.GET, "/webhooks/endpoints", null)
        .expectStatus().isUnauthorized();
  }
}
