package dev.feedlink.connection.connections;

import static dev.feedlink.connection.support.ScriptedPipeline.SANDBOX_UTILITY;
import static dev.feedlink.connection.support.ScriptedPipeline.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.connection.support.ScriptedPipeline;
import dev.feedlink.connection.support.ServiceTest;
import dev.feedlink.events.AccountRef;
import dev.feedlink.events.FailureReason;
import dev.feedlink.events.PromptType;
import dev.feedlink.events.SessionKind;
import dev.feedlink.events.SessionRequested;
import dev.feedlink.schemas.Topics;
import dev.feedlink.testkit.TestInfrastructure;
import dev.feedlink.testkit.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;

/**
 * Credentials and login answers never appear in clear: not in the logs of a whole login (with
 * debug logging on), not in the database, not on Kafka, not in any response.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsTest extends ServiceTest {

  private static final List<AccountRef> ACCOUNTS = List.of(account("5550006001", "electricity", "interval"));

  @Test
  void passwordsAndAnswersAppearNowhereInClear(CapturedOutput output) throws Exception {
    String password = "pw-" + UUID.randomUUID();
    String newPassword = "pw-new-" + UUID.randomUUID();
    String wrongAnswer = "answer-wrong-" + UUID.randomUUID();
    String rightAnswer = "answer-right-" + UUID.randomUUID();
    String code = String.valueOf(100000 + (int) (Math.random() * 800000)) + "7391";
    TestApp app = createApp("secrets");
    try (TopicProbe commands = new TopicProbe(Topics.SESSION_COMMANDS)) {
      Reply created = post(app.token(), "/connections", Map.of(
          "provider_id", SANDBOX_UTILITY.toString(), "user_id", UUID.randomUUID().toString(),
          "credentials", Map.of("username", "user_security", "password", password)));
      UUID id = UUID.fromString(created.body().path("connection_id").asString());
      ScriptedPipeline.Session session = pipeline.session(pipeline.awaitSession(id, SessionKind.CONNECT));
      session.emit(6);
      session.ask(PromptType.SECURITY_QUESTION, p -> p.setQuestion("What is your favourite colour?"));
      awaitContext(app, id, "Connecting", "SecurityAnswerRequired");
      assertThat(post(app.token(), "/connections/" + id + "/answers", Map.of("answer", wrongAnswer)).status()).isEqualTo(202);
      assertThat(pipeline.answer(pipeline.awaitInput(id))).isEqualTo(wrongAnswer);
      session.ask(PromptType.SECURITY_QUESTION, p -> p.setQuestion("What is your favourite colour?"), FailureReason.SECURITY_ANSWER_INVALID);
      awaitContext(app, id, "Connecting", "SecurityAnswerInvalid");
      assertThat(post(app.token(), "/connections/" + id + "/answers", Map.of("answer", rightAnswer)).status()).isEqualTo(202);
      assertThat(pipeline.answer(pipeline.awaitInput(id))).isEqualTo(rightAnswer);
      session.ask(PromptType.MFA_CODE, p -> {});
      awaitContext(app, id, "Connecting", "MfaCodeRequired");
      assertThat(post(app.token(), "/connections/" + id + "/answers", Map.of("answer", code)).status()).isEqualTo(202);
      assertThat(pipeline.answer(pipeline.awaitInput(id))).isEqualTo(code);
      session.authorized(List.of("read"), ACCOUNTS);
      session.loadAndSync(true, 10, List.of("interval"), ACCOUNTS);
      awaitContext(app, id, "Connected", "DataFound");
      Reply updated = call(HttpMethod.PUT, "/connections/" + id + "/credentials", app.token(),
          Map.of("credentials", Map.of("username", "user_security", "password", newPassword)), Map.of());
      assertThat(updated.status()).isEqualTo(202);
      SessionRequested reconnect = pipeline.awaitSession(id, SessionKind.RECONNECT);
      assertThat(pipeline.credentials(reconnect).path("password").asString()).isEqualTo(newPassword);
      // An invalid request carrying a password is refused without echoing it.
      Reply invalid = post(app.token(), "/connections", Map.of(
          "provider_id", SANDBOX_UTILITY.toString(), "user_id", "not-a-uuid",
          "credentials", Map.of("username", "user_good", "password", password)));
      assertThat(invalid.status()).isEqualTo(400);

      List<String> secrets = List.of(password, newPassword, wrongAnswer, rightAnswer, code);
      for (String secret : secrets) {
        assertThat(output.getAll()).as("logs").doesNotContain(secret);
        assertThat(invalid.body().toString()).doesNotContain(secret);
        for (TopicProbe.Seen seen : commands.seen()) {
          assertThat(new String(seen.value(), StandardCharsets.ISO_8859_1)).as("Kafka record").doesNotContain(secret);
        }
      }
      assertThat(entity(app, id).toString()).doesNotContain(password).doesNotContain("password");
      assertThat(sessions(app, id).toString()).doesNotContain(rightAnswer);

      try (Connection db = TestInfrastructure.get().openJdbc();
          PreparedStatement query = db.prepareStatement(
              "SELECT credentials_key_id, credentials_ciphertext FROM connection.connection WHERE connection_id = ?")) {
        query.setObject(1, id);
        try (ResultSet row = query.executeQuery()) {
          assertThat(row.next()).isTrue();
          assertThat(row.getString(1)).isEqualTo("k1");
          String stored = new String(row.getBytes(2), StandardCharsets.ISO_8859_1);
          assertThat(stored).doesNotContain(newPassword).doesNotContain("user_security");
        }
      }
      assertThat(output.getAll()).as("the login did run with logs captured").contains(id.toString());
    }
  }

  @Test
  void credentialsAreDestroyedOnDisconnection() throws Exception {
    TestApp app = createApp("destroy");
    Reply created = link(app, SANDBOX_UTILITY, UUID.randomUUID(), "user_good", "pass_good");
    String id = created.body().path("connection_id").asString();
    assertThat(call(HttpMethod.DELETE, "/connections/" + id, app.token(), null, Map.of()).status()).isEqualTo(200);
    try (Connection db = TestInfrastructure.get().openJdbc();
        PreparedStatement query = db.prepareStatement(
            "SELECT credentials_ciphertext FROM connection.connection WHERE connection_id = ?")) {
      query.setObject(1, UUID.fromString(id));
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(row.getBytes(1)).isNull();
      }
    }
    assertThat(pipeline.awaitSession(UUID.fromString(id), SessionKind.DISCONNECT).getCredentials()).isNull();
  }
}
