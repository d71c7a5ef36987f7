package dev.feedlink.connection.connections;

import static dev.feedlink.connection.support.ScriptedPipeline.SANDBOX_BANK;
import static dev.feedlink.connection.support.ScriptedPipeline.SANDBOX_UTILITY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.connection.support.ServiceTest;
import dev.feedlink.events.SessionKind;
import dev.feedlink.events.SessionRequested;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** Errors name the field and the valid values; retries are safe; the API describes itself. */
class ApiHygieneTest extends ServiceTest {

  private static Map<String, Object> linkBody(UUID provider, UUID user, String username) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("provider_id", provider.toString());
    body.put("user_id", user.toString());
    body.put("credentials", Map.of("username", username, "password", "pass_good"));
    return body;
  }

  private Reply raw(String token, HttpMethod method, String path, String body) {
    var response = client.method(method).uri(path)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange().expectBody().returnResult();
    return new Reply(response.getStatus().value(), json.readTree(response.getResponseBody()), response.getResponseHeaders());
  }

  @Test
  void theProvidersComeFromThePipelinesCatalogue() {
    JsonNode providers = get(createApp("providers").token(), "/providers").body().path("providers");
    JsonNode bank = null;
    for (JsonNode p : providers) {
      if (p.path("id").asString().equals(SANDBOX_BANK.toString())) {
        bank = p;
      }
    }
    assertThat(bank).isNotNull();
    assertThat(bank.path("name").asString()).isEqualTo("Sandbox Bank");
    assertThat(bank.path("kind").asString()).isEqualTo("bank");
    assertThat(bank.path("country").asString()).isEqualTo("AU");
    assertThat(bank.path("data_types")).extracting(JsonNode::asString).contains("bank_account", "bank_transaction");
    assertThat(bank.path("login_method").asString()).isEqualTo("credentials");
  }

  @Test
  void anUnknownProviderIsRefusedNamingProviderIdAndTheKnownOnes() {
    TestApp app = createApp("unknown-provider");
    Reply reply = post(app.token(), "/connections", linkBody(UUID.randomUUID(), UUID.randomUUID(), "user_good"));
    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(reply.body().path("field").asString()).isEqualTo("provider_id");
    assertThat(reply.body().path("valid_values")).extracting(JsonNode::asString)
        .contains(SANDBOX_UTILITY.toString(), SANDBOX_BANK.toString());
  }

  @Test
  void badInputIsABadRequestNamingTheField() {
    TestApp app = createApp("bad-input");
    Reply malformed = raw(app.token(), HttpMethod.POST, "/connections", "{\"provider_id\": ");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.body().path("detail").asString()).contains("JSON");

    Map<String, Object> missing = linkBody(SANDBOX_UTILITY, UUID.randomUUID(), "user_good");
    missing.remove("provider_id");
    assertThat(post(app.token(), "/connections", missing).body().path("field").asString()).isEqualTo("provider_id");

    Map<String, Object> badUser = linkBody(SANDBOX_UTILITY, UUID.randomUUID(), "user_good");
    badUser.put("user_id", "not-a-uuid");
    Reply badUuid = post(app.token(), "/connections", badUser);
    assertThat(badUuid.status()).isEqualTo(400);
    assertThat(badUuid.body().path("field").asString()).isEqualTo("user_id");

    Map<String, Object> noPassword = linkBody(SANDBOX_UTILITY, UUID.randomUUID(), "user_good");
    noPassword.put("credentials", Map.of("username", "user_good"));
    assertThat(post(app.token(), "/connections", noPassword).body().path("field").asString()).isEqualTo("credentials.password");

    Map<String, Object> metrics = linkBody(SANDBOX_UTILITY, UUID.randomUUID(), "user_good");
    metrics.put("metrics", List.of("BANK_BALANCE"));
    Reply badMetric = post(app.token(), "/connections", metrics);
    assertThat(badMetric.status()).isEqualTo(400);
    assertThat(badMetric.body().path("field").asString()).isEqualTo("metrics");
    assertThat(badMetric.body().path("valid_values")).extracting(JsonNode::asString).containsExactly("INTERVAL", "BILL");

    Reply badPath = get(app.token(), "/connections/not-a-uuid");
    assertThat(badPath.status()).isEqualTo(400);
    assertThat(badPath.body().path("field").asString()).isEqualTo("connection_id");
    Reply badQuery = get(app.token(), "/connection/context?connection_id=42");
    assertThat(badQuery.status()).isEqualTo(400);
    assertThat(badQuery.body().path("field").asString()).isEqualTo("connection_id");
    assertThat(get(app.token(), "/connection/context").body().path("field").asString()).isEqualTo("connection_id");

    Reply badStatus = get(app.token(), "/connections?status=active");
    assertThat(badStatus.body().path("field").asString()).isEqualTo("status");
    assertThat(badStatus.body().path("valid_values")).extracting(JsonNode::asString)
        .containsExactly("ACTIVE", "EXPIRED", "DISCONNECTED", "INITIATED");
    assertThat(get(app.token(), "/connections?reason=Nope").body().path("valid_values")).extracting(JsonNode::asString)
        .contains("DataFound", "MfaCodeRequired");
    assertThat(get(app.token(), "/connections?limit=0").body().path("field").asString()).isEqualTo("limit");
    assertThat(get(app.token(), "/connections?cursor=zzz").body().path("field").asString()).isEqualTo("cursor");

    Reply unknownConnection = get(app.token(), "/connections/" + UUID.randomUUID());
    assertThat(unknownConnection.status()).isEqualTo(404);
    Reply badType = post(app.token(), "/connections/" + UUID.randomUUID() + "/answers", Map.of("type", "pin", "answer", "1"));
    assertThat(badType.body().path("field").asString()).isEqualTo("type");
    assertThat(badType.body().path("valid_values")).extracting(JsonNode::asString)
        .containsExactly("security_question", "mfa_method_choice", "mfa_code", "mfa_action", "account_selection");
  }

  @Test
  void anOversizedBodyIsRefusedWith413() {
    TestApp app = createApp("oversized");
    Map<String, Object> body = linkBody(SANDBOX_UTILITY, UUID.randomUUID(), "user_good");
    List<String> scopes = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      scopes.add("x".repeat(500));
    }
    body.put("scopes", scopes);
    Reply reply = post(app.token(), "/connections", body);
    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.body().path("title").asString()).isEqualTo("Request body too large");
  }

  @Test
  void theSameIdempotencyKeyGivesTheSameResultAndNoSecondConnection() {
    TestApp app = createApp("idempotent");
    UUID user = UUID.randomUUID();
    Map<String, Object> body = linkBody(SANDBOX_UTILITY, user, "user_good");
    String key = UUID.randomUUID().toString();
    Reply first = call(HttpMethod.POST, "/connections", app.token(), body, Map.of("Idempotency-Key", key));
    Reply retry = call(HttpMethod.POST, "/connections", app.token(), body, Map.of("Idempotency-Key", key));
    assertThat(first.status()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(retry.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
    assertThat(get(app.token(), "/connections?user_id=" + user).body().path("connections")).hasSize(1);
    UUID id = UUID.fromString(first.body().path("connection_id").asString());
    SessionRequested only = pipeline.awaitSession(id, SessionKind.CONNECT);
    assertThat(pipeline.commandsFor(id)).containsExactly(only);

    Map<String, Object> other = linkBody(SANDBOX_BANK, user, "user_good");
    Reply reused = call(HttpMethod.POST, "/connections", app.token(), other, Map.of("Idempotency-Key", key));
    assertThat(reused.status()).isEqualTo(422);
    assertThat(reused.body().path("field").asString()).isEqualTo("Idempotency-Key");
  }

  @Test
  void twoRequestsWithTheSameKeyAtOnceMakeOneConnection() throws Exception {
    TestApp app = createApp("idempotent-race");
    UUID user = UUID.randomUUID();
    Map<String, Object> body = linkBody(SANDBOX_UTILITY, user, "user_good");
    String key = UUID.randomUUID().toString();
    List<java.util.concurrent.CompletableFuture<Reply>> replies = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      replies.add(java.util.concurrent.CompletableFuture.supplyAsync(
          () -> call(HttpMethod.POST, "/connections", app.token(), body, Map.of("Idempotency-Key", key))));
    }
    List<String> ids = new ArrayList<>();
    for (var reply : replies) {
      Reply r = reply.get();
      assertThat(r.status()).as("%s", r.body()).isEqualTo(201);
      ids.add(r.body().path("connection_id").asString());
    }
    assertThat(ids).containsOnly(ids.get(0));
    assertThat(get(app.token(), "/connections?user_id=" + user).body().path("connections")).hasSize(1);
  }

  @Test
  void theSameLoginLinkedTwiceAtOnceIsOneConnection() throws Exception {
    TestApp app = createApp("link-race");
    UUID user = UUID.randomUUID();
    Map<String, Object> body = linkBody(SANDBOX_UTILITY, user, "user_good");
    List<java.util.concurrent.CompletableFuture<Reply>> replies = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      replies.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> post(app.token(), "/connections", body)));
    }
    List<Integer> statuses = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (var reply : replies) {
      Reply r = reply.get();
      statuses.add(r.status());
      ids.add(r.body().path("connection_id").asString());
    }
    assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 200);
    assertThat(ids).containsOnly(ids.get(0));
    assertThat(get(app.token(), "/connections?user_id=" + user).body().path("connections")).hasSize(1);
  }

  @Test
  void connectionsAreListedAPageAtATimeWithFilters() {
    TestApp app = createApp("paging");
    UUID user = UUID.randomUUID();
    List<String> ids = new ArrayList<>();
    for (String username : List.of("user_good", "user_mfa", "user_security")) {
      ids.add(link(app, SANDBOX_UTILITY, user, username, "pass_good").body().path("connection_id").asString());
    }
    link(app, SANDBOX_BANK, UUID.randomUUID(), "user_good", "pass_good");

    JsonNode page1 = get(app.token(), "/connections?user_id=" + user + "&limit=2").body();
    assertThat(page1.path("connections")).extracting(c -> c.path("id").asString()).containsExactly(ids.get(0), ids.get(1));
    String cursor = page1.path("next_cursor").asString();
    JsonNode page2 = get(app.token(), "/connections?user_id=" + user + "&limit=2&cursor=" + cursor).body();
    assertThat(page2.path("connections")).extracting(c -> c.path("id").asString()).containsExactly(ids.get(2));
    assertThat(page2.path("next_cursor").isNull()).isTrue();

    assertThat(get(app.token(), "/connections?provider_id=" + SANDBOX_BANK).body().path("connections")).hasSize(1);
    assertThat(get(app.token(), "/connections?status=INITIATED&reason=New&connection_status=Connecting").body()
        .path("connections")).hasSize(4);
    assertThat(get(app.token(), "/connections?status=ACTIVE").body().path("connections")).isEmpty();
  }

  @Test
  void aConnectionTokenReadsAndAnswersItsConnectionOnly() {
    TestApp app = createApp("connection-token");
    Reply created = link(app, SANDBOX_UTILITY, UUID.randomUUID(), "user_good", "pass_good");
    String token = created.body().path("connection_token").asString();
    String id = created.body().path("connection_id").asString();

    Reply context = get(token, "/connection/context");
    assertThat(context.status()).isEqualTo(200);
    assertThat(context.body().path("connection_id").asString()).isEqualTo(id);
    assertThat(get(token, "/connection/context?connection_id=" + id).status()).isEqualTo(200);
    assertThat(get(token, "/connections/" + id).status()).isEqualTo(200);
    assertThat(get(token, "/connections/" + id + "/prompt").status()).isEqualTo(200);
    assertThat(post(token, "/connections/" + id + "/answers", Map.of("answer", "1")).status()).isEqualTo(409);

    assertThat(get(token, "/connections").status()).isEqualTo(403);
    assertThat(get(token, "/connections/" + id + "/sessions").status()).isEqualTo(403);
    assertThat(call(HttpMethod.DELETE, "/connections/" + id, token, null, Map.of()).status()).isEqualTo(403);
    assertThat(post(token, "/connections", linkBody(SANDBOX_UTILITY, UUID.randomUUID(), "user_good")).status()).isEqualTo(403);
    assertThat(get(token, "/accounts/1/stream/status").status()).isEqualTo(403);
    assertThat(get("ct_notatoken", "/connection/context").status()).isEqualTo(401);

    // Linking the login again issues a new connection token and retires the old one.
    Reply relinked = link(app, SANDBOX_UTILITY, UUID.fromString(created.body().path("connection").path("user").asString()), "user_good", "pass_good");
    assertThat(get(token, "/connection/context").status()).isEqualTo(401);
    assertThat(get(relinked.body().path("connection_token").asString(), "/connection/context").status()).isEqualTo(200);
  }

  @Test
  void apiTokensRotateAndRevoke() {
    TestApp app = createApp("rotation");
    Reply issued = call(HttpMethod.POST, "/admin/apps/" + app.id() + "/tokens", ADMIN, null, Map.of());
    assertThat(issued.status()).isEqualTo(201);
    String second = issued.body().path("api_token").asString();
    assertThat(get(second, "/connections").status()).isEqualTo(200);
    assertThat(get(app.token(), "/connections").status()).isEqualTo(200);

    JsonNode tokens = get(ADMIN, "/admin/apps/" + app.id() + "/tokens").body().path("tokens");
    assertThat(tokens).hasSize(2);
    assertThat(tokens.toString()).doesNotContain(app.token()).doesNotContain(second);
    String firstId = tokens.get(0).path("token_id").asString();
    Reply revoked = call(HttpMethod.DELETE, "/admin/apps/" + app.id() + "/tokens/" + firstId, ADMIN, null, Map.of());
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.body().path("tokens").get(0).path("revoked_at").isNull()).isFalse();
    assertThat(get(app.token(), "/connections").status()).isEqualTo(401);
    assertThat(get(second, "/connections").status()).isEqualTo(200);
    assertThat(call(HttpMethod.DELETE, "/admin/apps/" + app.id() + "/tokens/" + firstId, ADMIN, null, Map.of()).status())
        .isEqualTo(404);
    assertThat(call(HttpMethod.POST, "/admin/apps/" + UUID.randomUUID() + "/tokens", ADMIN, null, Map.of()).status())
        .isEqualTo(404);
  }

  @Test
  void theOpenApiDescriptionIsServed() {
    Reply docs = call(HttpMethod.GET, "/v3/api-docs", null, null, Map.of());
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.body().path("paths").has("/connections")).isTrue();
    assertThat(docs.body().path("paths").has("/connection/context")).isTrue();
    assertThat(docs.body().path("paths").has("/connections/{connection_id}/answers")).isTrue();
    assertThat(docs.body().path("paths").has("/providers")).isTrue();
    assertThat(docs.body().path("paths").has("/connections/{connection_id}/rewind")).isTrue();
    assertThat(docs.body().path("info").path("title").asString()).isEqualTo("Feedlink: apps, connections and the login dialogue");
    assertThat(docs.body().path("servers").get(0).path("url").asString()).as("the public base URL").isEqualTo("http://localhost:8080");
    assertThat(docs.body().path("components").path("securitySchemes").path("bearer").path("scheme").asString()).isEqualTo("bearer");
    assertThat(docs.body().path("paths").toString()).as("the listing of descriptions is not an API route").doesNotContain("swagger-config");

    Reply listed = call(HttpMethod.GET, "/v3/api-docs/swagger-config", null, null, Map.of());
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body().path("urls")).extracting(u -> u.path("name").asString() + " " + u.path("url").asString())
        .containsExactly("connections /v3/api-docs", "stream /v3/api-docs/stream", "webhooks /v3/api-docs/webhooks",
            "data /v3/api-docs/data");
  }
}
