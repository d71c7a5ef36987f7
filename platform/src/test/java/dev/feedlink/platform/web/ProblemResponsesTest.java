package dev.feedlink.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client reads which field it got wrong in the names it wrote: the JSON names of body fields
 * (explicit, or the service's naming strategy) and the names parameters are bound from, never the
 * Java names behind them.
 */
class ProblemResponsesTest {

  record Owner(@JsonProperty("display_name") @NotBlank String displayName) {}

  record Item(@NotBlank String itemName) {}

  record NewThing(
      @JsonProperty("provider_id") @NotNull UUID providerId,
      @NotNull @Valid Owner owner,
      List<@NotBlank String> tags,
      List<@Valid Item> items) {}

  @RestController
  static class Things {

    @PostMapping("/things")
    String create(@Valid @RequestBody NewThing thing) {
      return "created";
    }

    @GetMapping("/things/{thing_id}")
    String get(
        @PathVariable("thing_id") UUID thingId,
        @RequestParam(name = "page_size", required = false) Integer pageSize,
        @RequestParam(required = false) Integer pageCount,
        @RequestHeader(name = "X-Trace-Id", required = false) UUID traceId) {
      return "thing";
    }

    @GetMapping("/widgets/{widgetId}")
    String widget(@PathVariable UUID widgetId) {
      return "widget";
    }
  }

  private static WebTestClient client(JsonMapper json) {
    return WebTestClient.bindToController(new Things())
        .controllerAdvice(new ProblemResponses(json))
        .validator(new SpringValidatorAdapter(Validation.buildDefaultValidatorFactory().getValidator()))
        .httpMessageCodecs(codecs -> codecs.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(json)))
        .build();
  }

  private static final WebTestClient PLAIN = client(JsonMapper.builder().build());
  private static final WebTestClient SNAKE_CASE =
      client(JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build());

  private static JsonNode post(WebTestClient client, String body) {
    return problem(client.post().uri("/things").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange());
  }

  private static JsonNode get(WebTestClient client, String uri) {
    return problem(client.get().uri(uri).exchange());
  }

  private static JsonNode get(WebTestClient client, String uri, String header, String value) {
    return problem(client.get().uri(uri).header(header, value).exchange());
  }

  private static JsonNode problem(WebTestClient.ResponseSpec response) {
    byte[] body = response.expectStatus().isBadRequest()
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody().returnResult().getResponseBody();
    return JsonMapper.builder().build().readTree(body);
  }

  @Test
  void aMissingBodyFieldIsNamedByItsJsonNameAsIsANestedOne() {
    JsonNode missing = post(PLAIN, "{\"owner\": {\"display_name\": \"Ann\"}}");
    assertThat(missing.path("field").asString()).isEqualTo("provider_id");
    assertThat(missing.path("detail").asString()).startsWith("provider_id: ");
    assertThat(missing.path("instance").asString()).isEqualTo("/things");

    JsonNode nested = post(PLAIN, "{\"provider_id\": \"" + UUID.randomUUID() + "\", \"owner\": {\"display_name\": \" \"}}");
    assertThat(nested.path("field").asString()).isEqualTo("owner.display_name");
  }

  @Test
  void listElementsKeepTheirIndexAndEveryFieldAtFaultIsListed() {
    JsonNode problem = post(PLAIN, "{\"owner\": {\"display_name\": \"\"}, \"tags\": [\"a\", \"\"], \"items\": [{\"itemName\": \"\"}]}");

    assertThat(problem.has("field")).as("several fields: no single one").isFalse();
    assertThat(problem.path("errors").findValuesAsString("field"))
        .containsExactlyInAnyOrder("provider_id", "owner.display_name", "tags[1]", "items[0].itemName");
  }

  @Test
  void aServiceWithASnakeCaseNamingStrategyHearsItsFieldsInSnakeCase() {
    JsonNode problem = post(SNAKE_CASE, "{\"provider_id\": \"" + UUID.randomUUID() + "\", \"owner\": {\"display_name\": \"Ann\"},"
        + " \"items\": [{\"item_name\": \"ok\"}, {\"item_name\": \"\"}]}");

    assertThat(problem.path("field").asString()).isEqualTo("items[1].item_name");
  }

  @Test
  void parametersThatDoNotConvertAreNamedAsTheyAreBound() {
    JsonNode path = get(PLAIN, "/things/not-a-uuid");
    assertThat(path.path("field").asString()).isEqualTo("thing_id");
    assertThat(path.path("detail").asString()).isEqualTo("thing_id: 'not-a-uuid' is not a valid UUID");

    UUID id = UUID.randomUUID();
    assertThat(get(PLAIN, "/things/" + id + "?page_size=ten").path("field").asString()).isEqualTo("page_size");
    assertThat(get(PLAIN, "/things/" + id + "?pageCount=ten").path("field").asString())
        .as("bound by its Java name, which is what the client wrote").isEqualTo("pageCount");
    assertThat(get(PLAIN, "/things/" + id, "X-Trace-Id", "abc").path("field").asString()).isEqualTo("X-Trace-Id");
  }

  @Test
  void aPathVariableWithoutAnExplicitNameFollowsTheServicesNamingStrategy() {
    assertThat(get(PLAIN, "/widgets/nope").path("field").asString()).isEqualTo("widgetId");
    assertThat(get(SNAKE_CASE, "/widgets/nope").path("field").asString()).isEqualTo("widget_id");
    assertThat(get(SNAKE_CASE, "/things/" + UUID.randomUUID() + "?pageCount=ten").path("field").asString())
        .as("a query parameter is still named as written").isEqualTo("pageCount");
  }
}
