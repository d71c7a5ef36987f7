package dev.feedlink.webhook.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.webhook.support.WebhookApi;
import dev.feedlink.webhook.support.WebhookIntegrationTest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

@WebhookIntegrationTest
class EndpointsApiTest {

  @Autowired WebTestClient client;

  @Test
  void registeringAnEndpointShowsItsWhsecSecretOnceAndNeverAgain() {
    WebhookApi api = WebhookApi.forNewApp(client);

    JsonNode created = api.createEndpoint("http://127.0.0.1:9/hooks", "description", "billing system");

    String secret = created.path("secret").asString();
    assertThat(secret).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
    assertThat(created.path("status").asString()).isEqualTo("enabled");
    assertThat(created.path("event_types").isEmpty()).isTrue();
    String id = created.path("endpoint_id").asString();
    JsonNode fetched = api.get("/webhooks/endpoints/" + id);
    assertThat(fetched.has("secret")).isFalse();
    assertThat(fetched.path("description").asString()).isEqualTo("billing system");
    assertThat(api.get("/webhooks/endpoints").toString()).doesNotContain(secret.substring(6));
  }

  @Test
  void anEndpointCanBeUpdatedDisabledEnabledAndDeleted() {
    WebhookApi api = WebhookApi.forNewApp(client);
    String id = api.createEndpoint("http://127.0.0.1:9/a").path("endpoint_id").asString();

    JsonNode updated = api.json(HttpMethod.PATCH, "/webhooks/endpoints/" + id,
        Map.of("url", "http://127.0.0.1:9/b", "event_types", List.of("data.available", "stream.no_new_data"), "ordered", true), 200);
    assertThat(updated.path("url").asString()).isEqualTo("http://127.0.0.1:9/b");
    assertThat(updated.path("event_types").toString()).isEqualTo("[\"data.available\",\"stream.no_new_data\"]");
    assertThat(updated.path("ordered").asBoolean()).isTrue();

    JsonNode disabled = api.json(HttpMethod.PATCH, "/webhooks/endpoints/" + id, Map.of("status", "disabled"), 200);
    assertThat(disabled.path("status").asString()).isEqualTo("disabled");
    assertThat(disabled.path("disabled_reason").asString()).isEqualTo("manual");
    JsonNode enabled = api.json(HttpMethod.PATCH, "/webhooks/endpoints/" + id, Map.of("status", "enabled"), 200);
    assertThat(enabled.path("status").asString()).isEqualTo("enabled");
    assertThat(enabled.path("disabled_reason").isNull()).isTrue();

    api.call(HttpMethod.DELETE, "/webhooks/endpoints/" + id, null).expectStatus().isNoContent();
    api.call(HttpMethod.GET, "/webhooks/endpoints/" + id, null).expectStatus().isNotFound();
    assertThat(api.get("/webhooks/endpoints").size()).isZero();
  }

  @Test
  void anUnknownEventTypeIsABadRequestNamingTheFieldAndTheValidValues() {
    WebhookApi api = WebhookApi.forNewApp(client);

    JsonNode problem = api.json(HttpMethod.POST, "/webhooks/endpoints",
        Map.of("url", "http://127.0.0.1:9/", "event_types", List.of("data.available", "data.new")), 400);

    assertThat(problem.path("field").asString()).isEqualTo("event_types[1]");
    assertThat(problem.path("valid_values").toString()).contains("connection.status_changed", "stream.reconnection_failed");
  }

  @Test
  void anIdThatIsNotAUuidIsNamedAsTheApiNamesIt() {
    WebhookApi api = WebhookApi.forNewApp(client);

    JsonNode inPath = api.json(HttpMethod.GET, "/webhooks/endpoints/not-a-uuid", null, 400);
    assertThat(inPath.path("field").asString()).isEqualTo("endpoint_id");
    assertThat(inPath.path("detail").asString()).isEqualTo("endpoint_id: 'not-a-uuid' is not a valid UUID");
    JsonNode inQuery = api.json(HttpMethod.GET, "/webhooks/dead-letters?endpoint_id=42", null, 400);
    assertThat(inQuery.path("field").asString()).isEqualTo("endpoint_id");
  }

  @Test
  void anotherAppsEndpointIsNotFoundWhateverIsAsked() {
    WebhookApi owner = WebhookApi.forNewApp(client);
    String id = owner.createEndpoint("http://127.0.0.1:9/").path("endpoint_id").asString();
    WebhookApi stranger = owner.as(java.util.UUID.randomUUID().toString());

    stranger.call(HttpMethod.GET, "/webhooks/endpoints/" + id, null).expectStatus().isNotFound();
    stranger.call(HttpMethod.PATCH, "/webhooks/endpoints/" + id, Map.of("status", "disabled")).expectStatus().isNotFound();
    stranger.call(HttpMethod.POST, "/webhooks/endpoints/" + id + "/secret/rotate", null).expectStatus().isNotFound();
    stranger.call(HttpMethod.DELETE, "/webhooks/endpoints/" + id, null).expectStatus().isNotFound();
    assertThat(stranger.get("/webhooks/endpoints").size()).isZero();
    assertThat(owner.get("/webhooks/endpoints/" + id).path("status").asString()).isEqualTo("enabled");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "http://169.254.169.254/latest/meta-data/", "http://10.0.0.5/hooks", "http://192.168.1.10/", "http://172.16.3.4/",
    "http://[::1]:8080/", "http://[fd00:ec2::254]/", "http://0.0.0.0/", "http://[::ffff:169.254.169.254]/",
    "http://100.100.100.200/"
  })
  void targetsInsideOurNetworkAreRefused(String url) {
    JsonNode problem = WebhookApi.forNewApp(client).json(HttpMethod.POST, "/webhooks/endpoints", Map.of("url", url), 400);

    assertThat(problem.path("field").asString()).isEqualTo("url");
    assertThat(problem.path("detail").asString()).contains("refused");
  }

  @Test
  void urlsWithCredentialsOrOtherSchemesAreRefused() {
    WebhookApi api = WebhookApi.forNewApp(client);

    for (String url : List.of("ftp://127.0.0.1/", "http://user:[email protected]/", "127.0.0.1/hooks")) {
      assertThat(api.json(HttpMethod.POST, "/webhooks/endpoints", Map.of("url", url), 400).path("field").asString())
          .isEqualTo("url");
    }
  }

  @Test
  void requestsThatDidNotComeThroughTheGatewayAreRefused() {
    client.get().uri("/webhooks/endpoints").exchange().expectStatus().isUnauthorized();
  }

  @Test
  void theEventTypesAreListedWithWhatTheyMean() {
    JsonNode types = WebhookApi.forNewApp(client).get("/webhooks/event-types");

    assertThat(types.findValuesAsString("name")).containsExactly("connection.status_changed", "connection.action_required",
        "data.available", "stream.no_new_data", "stream.reconnection_failed", "endpoint.disabled");
  }
}
