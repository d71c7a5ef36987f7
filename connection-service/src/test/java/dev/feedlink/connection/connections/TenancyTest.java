package dev.feedlink.connection.connections;

import static dev.feedlink.connection.support.ScriptedPipeline.SANDBOX_UTILITY;
import static dev.feedlink.connection.support.ScriptedPipeline.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.connection.support.ScriptedPipeline;
import dev.feedlink.connection.support.ServiceTest;
import dev.feedlink.events.AccountRef;
import dev.feedlink.events.PromptType;
import dev.feedlink.events.SessionKind;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/** Two apps: neither reads nor changes anything of the other's, on any endpoint. */
class TenancyTest extends ServiceTest {

  private static final List<AccountRef> ACCOUNTS = List.of(account("5550007001", "electricity", "interval"));

  @Test
  void noAppReadsOrWritesAnotherAppsConnections() {
    TestApp a = createApp("tenant-a");
    TestApp b = createApp("tenant-b");
    UUID user = UUID.randomUUID();
    Reply created = link(a, SANDBOX_UTILITY, user, "user_mfa", "pass_good");
    UUID id = UUID.fromString(created.body().path("connection_id").asString());
    String connectionTokenOfA = created.body().path("connection_token").asString();
    ScriptedPipeline.Session session = pipeline.session(pipeline.awaitSession(id, SessionKind.CONNECT));
    session.ask(PromptType.MFA_CODE, p -> {});
    awaitContext(a, id, "Connecting", "MfaCodeRequired");
    String path = "/connections/" + id;

    // Reads: every one a 404, exactly as for a connection that does not exist.
    for (String read : List.of(path, path + "/sessions", path + "/prompt", "/connection/context?connection_id=" + id)) {
      Reply reply = get(b.token(), read);
      assertThat(reply.status()).as(read).isEqualTo(404);
      assertThat(reply.body().toString()).as(read).doesNotContain("user_mfa").doesNotContain(user.toString());
    }
    assertThat(get(b.token(), "/connections").body().path("connections")).isEmpty();
    assertThat(get(b.token(), "/connections?user_id=" + user).body().path("connections")).isEmpty();

    // Writes: 404, and nothing changed.
    assertThat(post(b.token(), path + "/answers", Map.of("answer", "123456")).status()).isEqualTo(404);
    assertThat(call(HttpMethod.PUT, path + "/credentials", b.token(),
        Map.of("credentials", Map.of("username", "user_mfa", "password", "stolen")), Map.of()).status()).isEqualTo(404);
    assertThat(call(HttpMethod.DELETE, path, b.token(), null, Map.of()).status()).isEqualTo(404);
    assertThat(pipeline.commandsFor(id)).hasSize(1);
    assertThat(context(a, id).path("connection_status_reason").asString()).isEqualTo("MfaCodeRequired");

    // The same login linked by app B is B's own connection, not a repair of A's.
    Reply mine = link(b, SANDBOX_UTILITY, user, "user_mfa", "pass_good");
    assertThat(mine.status()).isEqualTo(201);
    assertThat(mine.body().path("connection_id").asString()).isNotEqualTo(id.toString());
    assertThat(mine.body().path("connection").path("app").asString()).isEqualTo(b.id().toString());

    // An Idempotency-Key is the app's own: the same key from another app is a new request.
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = Map.of("provider_id", SANDBOX_UTILITY.toString(), "user_id", UUID.randomUUID().toString(),
        "credentials", Map.of("username", "user_good", "password", "pass_good"));
    Reply first = call(HttpMethod.POST, "/connections", a.token(), body, Map.of("Idempotency-Key", key));
    Reply other = call(HttpMethod.POST, "/connections", b.token(), body, Map.of("Idempotency-Key", key));
    assertThat(other.status()).isEqualTo(201);
    assertThat(other.body().path("connection_id").asString()).isNotEqualTo(first.body().path("connection_id").asString());
    assertThat(other.body().path("connection").path("app").asString()).isEqualTo(b.id().toString());

    // A's connection token reaches A's one connection only, never B's.
    String bConnection = mine.body().path("connection_id").asString();
    assertThat(get(connectionTokenOfA, "/connection/context?connection_id=" + bConnection).status()).isEqualTo(404);
    assertThat(get(connectionTokenOfA, "/connections/" + bConnection).status()).isEqualTo(404);
    assertThat(post(connectionTokenOfA, "/connections/" + bConnection + "/answers", Map.of("answer", "1")).status()).isEqualTo(404);

    // And A still sees its own.
    session.ask(PromptType.MFA_CODE, p -> {});
    assertThat(post(a.token(), path + "/answers", Map.of("answer", "123456")).status()).isEqualTo(202);
    assertThat(pipeline.answer(pipeline.awaitInput(id))).isEqualTo("123456");
    session.authorized(List.of("read"), ACCOUNTS);
    JsonNode context = awaitContext(a, id, c -> c.path("connection_status_reason").asString().equals("ConnectedCredentials")
        && c.path("numOfEntities").asInt() == 1);
    assertThat(context.path("entities").get(0).path("account_number").asString()).isEqualTo("5550007001");
    assertThat(get(b.token(), "/connection/context?connection_id=" + id).status()).isEqualTo(404);
  }

  @Test
  void anAppTokenIsNotTheAdminToken() {
    TestApp a = createApp("not-admin");
    assertThat(post(a.token(), "/admin/apps", Map.of("name", "x")).status()).isEqualTo(401);
    assertThat(get(a.token(), "/admin/apps/" + a.id() + "/tokens").status()).isEqualTo(401);
  }
}
