package dev.feedlink.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What another module's test gets from {@link SandboxProviderApplication#start}. */
class InProcessStartTest {

  @Test
  void startsOnAFreePortWithAHandleOnItsClockAndSettings() {
    Instant start = Instant.parse("2027-03-13T17:00:00Z");
    try (RunningSandbox one = SandboxProviderApplication.start(Map.of("sandbox.clock-start", start, "sandbox.clock-frozen", true));
        RunningSandbox two = SandboxProviderApplication.start(Map.of("sandbox.slow-delay", "PT3S"))) {
      WebTestClient client = WebTestClient.bindToServer().baseUrl(one.baseUrl()).build();

      assertThat(one.port()).isPositive().isNotEqualTo(two.port());
      assertThat(one.clock().instant()).isEqualTo(start);
      one.clock().advance(Duration.ofDays(1));
      client.get().uri("/sandbox/clock").exchange().expectStatus().isOk()
          .expectBody().jsonPath("$.now").isEqualTo("2027-03-14T17:00:00Z");
      assertThat(two.clock().instant()).as("each sandbox has its own clock").isBefore(start);

      one.settings().update(s -> new dev.feedlink.sandbox.control.domain.Settings(
          Duration.ofMillis(10), s.webhookDelay(), 3, s.deviceTrustDays(), s.retryAfter(), s.unavailable(), s.dataUnavailable()));
      client.get().uri("/sandbox/settings").exchange().expectBody()
          .jsonPath("$.consent_days").isEqualTo(3).jsonPath("$.slow_delay").isEqualTo("PT0.01S");
      assertThat(two.settings().current().slowDelay()).isEqualTo(Duration.ofSeconds(3));

      client.post().uri("/utility/login").contentType(MediaType.APPLICATION_JSON)
          .bodyValue(Map.of("username", "user_good", "password", "pass_good")).exchange()
          .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("authorized");
      client.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
    }
  }
}
