package dev.feedlink.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.connection.gateway.ForwardedApis;
import dev.feedlink.testkit.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;
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

  // --- the public API's descriptions --------------------------------------------------------------

  /** Every description the gateway lists, by name, as a client reads them through it. */
  private static Map<String, JsonNode> publicDescriptions() throws Exception {
    HttpResponse<String> config = get(stack.gatewayUrl() + "/v3/api-docs/swagger-config");
    assertThat(config.statusCode()).as("no token needed").isEqualTo(200);
    Map<String, JsonNode> docs = new LinkedHashMap<>();
    for (JsonNode listed : json.readTree(config.body()).path("urls")) {
      HttpResponse<String> doc = get(stack.gatewayUrl() + listed.path("url").asString());
      assertThat(doc.statusCode()).as(listed.toString()).isEqualTo(200);
      docs.put(listed.path("name").asString(), json.readTree(doc.body()));
    }
    return docs;
  }

  /** The gateway's forwarded routes, from its own configuration. */
  private static ForwardedApis forwarded() {
    return stack.services().get(LocalStack.CONNECTION_SERVICE).getBean(ForwardedApis.class);
  }

  private static boolean matches(String pattern, String path) {
    return PathPatternParser.defaultInstance.parse(pattern).matches(PathContainer.parsePath(path));
  }

  /** A path of a description with its variables filled in, as a client would call it. */
  private static String concrete(String template) {
    return template.replaceAll("\\{[^}]+}", "x");
  }

  /** The route the gateway takes for a path: the first forwarded one that matches, if any. */
  private static Optional<ForwardedApis.Api> routeOf(String path) {
    return forwarded().apis().stream().filter(api -> api.paths().stream().anyMatch(p -> matches(p, path))).findFirst();
  }

  @Test
  void theGatewayListsOneDescriptionOfItsOwnAndOnePerServiceItForwardsTo() throws Exception {
    List<String> expected = new ArrayList<>(List.of(ForwardedApis.GATEWAY_DOCS));
    forwarded().apis().forEach(api -> expected.add(api.docs()));
    assertThat(publicDescriptions().keySet()).containsExactlyElementsOf(expected);
  }

  @Test
  void everyRouteTheGatewayForwardsIsInTheDescriptionOfTheServiceItGoesTo() throws Exception {
    Map<String, JsonNode> docs = publicDescriptions();
    for (ForwardedApis.Api api : forwarded().apis()) {
      List<String> described = new ArrayList<>();
      docs.get(api.docs()).path("paths").propertyNames().forEach(described::add);
      for (String pattern : api.paths()) {
        assertThat(described).as("%s routes %s to %s; its description at %s", pattern, api.id(), api.service(), api.docsPath())
            .anySatisfy(path -> assertThat(matches(pattern, concrete(path))).isTrue());
      }
    }
  }

  @Test
  void aDescriptionHoldsOnlyPublicRoutesThatTheGatewaySendsToItsService() throws Exception {
    Map<String, JsonNode> docs = publicDescriptions();
    for (Map.Entry<String, JsonNode> doc : docs.entrySet()) {
      for (String path : (Iterable<String>) () -> doc.getValue().path("paths").propertyNames().iterator()) {
        Optional<String> routedTo = routeOf(concrete(path)).map(ForwardedApis.Api::docs);
        if (doc.getKey().equals(ForwardedApis.GATEWAY_DOCS)) {
          assertThat(routedTo).as("%s is the gateway's own, not forwarded", path).isEmpty();
        } else {
          assertThat(routedTo).as("%s in the %s description", path, doc.getKey()).contains(doc.getKey());
        }
      }
    }
    assertThat(docs.get("data").path("paths").toString()).as("providers call the pipeline back directly").doesNotContain("callbacks");
  }

  @Test
  void everyDescriptionHasItsTitleVersionTheBearerTokenAndThePublicServer() throws Exception {
    for (Map.Entry<String, JsonNode> doc : publicDescriptions().entrySet()) {
      JsonNode d = doc.getValue();
      String name = doc.getKey();
      assertThat(d.path("info").path("title").asString()).as(name).startsWith("Feedlink: ");
      assertThat(d.path("info").path("version").asString()).as(name + ": the build's version")
          .isNotBlank().isNotEqualTo("unknown").doesNotContain("@");
      assertThat(d.path("info").path("description").asString()).as(name).isNotBlank();
      assertThat(d.path("servers")).as(name).hasSize(1);
      assertThat(d.path("servers").get(0).path("url").asString()).as(name + ": the gateway, not the service")
          .isEqualTo(stack.gatewayUrl());
      JsonNode bearer = d.path("components").path("securitySchemes").path("bearer");
      assertThat(bearer.path("type").asString()).as(name).isEqualTo("http");
      assertThat(bearer.path("scheme").asString()).as(name).isEqualTo("bearer");
      assertThat(d.path("security").toString()).as(name).contains("\"bearer\"");
    }
  }
}
