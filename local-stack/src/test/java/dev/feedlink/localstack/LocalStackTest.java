package dev.feedlink.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.testkit.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Every service starts together in one JVM against real Kafka and PostgreSQL, and reports UP. */
class LocalStackTest {

  private static RunningStack stack;
  private static final HttpClient http = HttpClient.newHttpClient();
  private static final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    TestInfrastructure infra = TestInfrastructure.get();
    StackSettings settings =
        new StackSettings(
            infra.kafkaBootstrapServers(),
            infra.r2dbcUrl(),
            infra.jdbcUrl(),
            infra.user(),
            infra.password(),
            0, 0, 0, 0, 0,
            "test-admin-token",
            Map.of());
    stack = LocalStack.start(settings);
    LocalStack.awaitHealthy(stack, Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyServiceReportsUpWithItsDatabaseAndKafka() throws Exception {
    for (String service :
        new String[] {
          LocalStack.CONNECTION_SERVICE, LocalStack.PIPELINE_WORKER, LocalStack.STREAM_SCHEDULER, LocalStack.WEBHOOK_DISPATCHER
        }) {
      HttpResponse<String> health = get("http://localhost:" + stack.port(service) + "/actuator/health");
      assertThat(health.statusCode()).as(service).isEqualTo(200);
      JsonNode body = json.readTree(health.body());
      assertThat(body.at("/status").asString()).as(service).isEqualTo("UP");
      assertThat(body.at("/components/kafka/status").asString()).as(service + " kafka").isEqualTo("UP");
      assertThat(body.at("/components/r2dbc/status").asString()).as(service + " database").isEqualTo("UP");
    }
    assertThat(get("http://localhost:" + stack.port(LocalStack.SANDBOX_PROVIDER) + "/actuator/health").body())
        .contains("\"status\":\"UP\"");
  }

  @Test
  void everyServiceExposesPrometheusMetrics() throws Exception {
    for (String service : stack.services().keySet()) {
      if (service.equals(LocalStack.SANDBOX_PROVIDER)) {
        continue;
      }
      HttpResponse<String> metrics = get("http://localhost:" + stack.port(service) + "/actuator/prometheus");
      assertThat(metrics.statusCode()).as(service).isEqualTo(200);
      assertThat(metrics.body()).as(service).contains("jvm_memory_used_bytes").contains("feedlink_outbox_relayed");
    }
  }

  @Test
  void anAdminCreatesAnAppThroughTheGatewayAndItsTokenIsAccepted() throws Exception {
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/admin/apps"))
                .header("Authorization", "Bearer test-admin-token")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Local stack test app\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.body()).contains("\"app_id\"").containsPattern("\"api_token\":\"fl_[A-Za-z0-9]{32}\"");
  }

  @Test
  void theServicesBehindTheGatewayRefuseDirectCalls() throws Exception {
    HttpResponse<String> direct =
        get("http://localhost:" + stack.port(LocalStack.STREAM_SCHEDULER) + "/accounts/123/stream/status");
    assertThat(direct.statusCode()).isEqualTo(401);
    assertThat(direct.headers().firstValue("Content-Type")).contains("application/problem+json");
  }
}
