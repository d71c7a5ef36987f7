package dev.feedlink.connection.reallogin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.connection.support.ServiceTest;
import dev.feedlink.pipeline.PipelineWorkerApplication;
import dev.feedlink.pipeline.provider.SandboxProviders;
import dev.feedlink.sandbox.RunningSandbox;
import dev.feedlink.sandbox.SandboxProviderApplication;
import dev.feedlink.testkit.TestInfrastructure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * A real login: connection-service driven through REST, the real pipeline-worker logging in at the
 * real sandbox provider over HTTP, everything in between on the real Kafka and PostgreSQL.
 */
class RealLoginIT extends ServiceTest {

  private static final UUID ENERGY = SandboxProviders.ENERGY.id();
  private static RunningSandbox sandbox;
  private static ConfigurableApplicationContext pipelineWorker;

  @BeforeAll
  static void startPipelineAndSandbox() {
    sandbox = SandboxProviderApplication.start(Map.of());
    Map<String, String> props = new LinkedHashMap<>(TestInfrastructure.get().springProperties());
    props.put("server.port", "0");
    props.put("feedlink.sandbox.base-url", sandbox.baseUrl());
    props.put("feedlink.pipeline.initial-history", "P3D");
    props.put("feedlink.pipeline.poll-interval", "50ms");
    props.put("feedlink.outbox.poll-interval", "50ms");
    props.put("logging.level.root", "WARN");
    String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    pipelineWorker = new SpringApplicationBuilder(PipelineWorkerApplication.class).run(args);
  }

  @AfterAll
  static void stop() {
    if (pipelineWorker != null) {
      pipelineWorker.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  private JsonNode awaitLong(TestApp app, UUID id, Predicate<JsonNode> condition) {
    return Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
        .until(() -> context(app, id), condition);
  }

  private static Predicate<JsonNode> reason(String reason) {
    return c -> c.path("connection_status_reason").asString().equals(reason);
  }

  @Test
  void anMfaLoginAtTheSandboxUtilityEndsWithItsDataFound() {
    TestApp app = createApp("real-mfa");
    Awaitility.await().atMost(Duration.ofSeconds(60))
        .until(() -> get(app.token(), "/providers").body().toString().contains(ENERGY.toString()));
    Reply created = link(app, ENERGY, UUID.randomUUID(), "user_mfa", "pass_good");
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    UUID id = UUID.fromString(created.body().path("connection_id").asString());

    awaitLong(app, id, reason("MfaCodeRequired"));
    JsonNode prompt = get(app.token(), "/connections/" + id + "/prompt").body();
    assertThat(prompt.path("type").asString()).isEqualTo("mfa_code");
    assertThat(post(app.token(), "/connections/" + id + "/answers", Map.of("answer", "000000")).status()).isEqualTo(202);
    awaitLong(app, id, reason("MfaCodeInvalid"));
    assertThat(post(app.token(), "/connections/" + id + "/answers", Map.of("answer", "123456")).status()).isEqualTo(202);

    JsonNode context = awaitLong(app, id, reason("DataFound"));
    assertThat(context.path("connection_status").asString()).isEqualTo("Connected");
    assertThat(context.path("provider").path("name").asString()).isEqualTo("Sandbox Energy");
    assertThat(context.path("numOfEntities").asInt()).isGreaterThanOrEqualTo(1);
    // Synced (19) completes the session and brings the per-data-type extraction states.
    JsonNode entity = Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
        .until(() -> entity(app, id), e -> e.path("connectionState").has("INTERVAL"));
    assertThat(entity.path("status").asString()).isEqualTo("ACTIVE");
    assertThat(entity.path("connectionState").path("INTERVAL").path("status").asString()).isEqualTo("SUCCESS");
    JsonNode transitions = sessions(app, id).path("sessions").get(0).path("transitions");
    assertThat(transitions).extracting(t -> t.path("code").asInt()).contains(6, 9, 2, 12, 13, 15, 21, 16, 18, 19);
  }

  @Test
  void aWrongPasswordAtTheSandboxIsRepairedByNewCredentials() {
    TestApp app = createApp("real-password");
    Awaitility.await().atMost(Duration.ofSeconds(60))
        .until(() -> get(app.token(), "/providers").body().toString().contains(ENERGY.toString()));
    Reply created = link(app, ENERGY, UUID.randomUUID(), "user_good", "pass_wrong");
    UUID id = UUID.fromString(created.body().path("connection_id").asString());
    JsonNode refused = awaitLong(app, id, reason("InvalidCredentials"));
    assertThat(refused.path("connection_status").asString()).isEqualTo("Disconnected");

    Reply updated = call(HttpMethod.PUT, "/connections/" + id + "/credentials", app.token(),
        Map.of("credentials", Map.of("username", "user_good", "password", "pass_good")), Map.of());
    assertThat(updated.status()).isEqualTo(202);
    awaitLong(app, id, reason("DataFound"));
    assertThat(entity(app, id).path("status").asString()).isEqualTo("ACTIVE");
  }
}
