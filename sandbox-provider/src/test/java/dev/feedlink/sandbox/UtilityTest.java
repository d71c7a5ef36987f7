package dev.feedlink.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Logging in at Sandbox Energy and fetching its Green Button feed. */
abstract class UtilityTest extends SandboxTest {

  record Session(String token, String subscription) {

    String batch() {
      return "/utility/espi/1_1/resource/Batch/Subscription/" + subscription;
    }
  }

  static Session utility(String username, String device) {
    JsonNode answer = login("utility", username, device);
    assertThat(answer.path("status").asString()).isEqualTo("authorized");
    return new Session(answer.path("access_token").asString(), answer.path("subscription_id").asString());
  }

  static WebTestClient.ResponseSpec get(Session session, String pathAndQuery) {
    return http.get().uri(session.batch() + pathAndQuery).header("Authorization", "Bearer " + session.token()).exchange();
  }

  static byte[] bytes(Session session, String pathAndQuery) {
    return get(session, pathAndQuery).expectStatus().isOk()
        .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("application/atom+xml"))
        .expectBody().returnResult().getResponseBody();
  }

  static ParsedFeed feed(Session session, String pathAndQuery) {
    return new ParsedFeed(bytes(session, pathAndQuery));
  }

  static String window(Instant min, Instant max) {
    return "?published-min=" + min + "&published-max=" + max;
  }
}
