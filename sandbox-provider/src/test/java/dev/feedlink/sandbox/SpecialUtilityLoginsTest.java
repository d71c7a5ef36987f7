package dev.feedlink.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javax.xml.parsers.DocumentBuilderFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;

/** {@code user_sample}, {@code user_webhook} and the planted anomalies at Sandbox Energy. */
class SpecialUtilityLoginsTest extends UtilityTest {

  private static byte[] resource(String path) {
    try (InputStream in = SpecialUtilityLoginsTest.class.getClassLoader().getResourceAsStream(path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The interval starts of a sample file's IntervalBlocks, read independently of ParsedFeed. */
  private static Set<Long> blockStarts(byte[] xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    NodeList blocks = factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml))
        .getElementsByTagNameNS(ParsedFeed.ESPI, "IntervalBlock");
    Set<Long> starts = new HashSet<>();
    for (int i = 0; i < blocks.getLength(); i++) {
      Element interval = (Element) ((Element) blocks.item(i)).getElementsByTagNameNS(ParsedFeed.ESPI, "interval").item(0);
      starts.add(Long.parseLong(interval.getElementsByTagNameNS(ParsedFeed.ESPI, "start").item(0).getTextContent().strip()));
    }
    return starts;
  }

  @Test
  void userSampleGetsTheFiveDayFileFirstThenTheUnionWhoseNewDaysAreTheSecondFile() throws Exception {
    Session session = utility("user_sample", "device-1");
    byte[] first = resource("samples/greenbutton/test_usage_data_1.xml");
    byte[] union = resource("samples/greenbutton/test_usage_data.xml");

    assertThat(bytes(session, window(now().minus(Duration.ofDays(1)), now()))).isEqualTo(first);
    assertThat(bytes(session, "")).isEqualTo(union);
    assertThat(bytes(utility("user_sample", "device-1"), "")).as("a later login of the same device").isEqualTo(union);
    assertThat(bytes(utility("user_sample", "device-2"), "")).as("another device starts over").isEqualTo(first);

    Set<Long> added = blockStarts(union);
    added.removeAll(blockStarts(first));
    assertThat(added).hasSize(9).isEqualTo(blockStarts(resource("samples/greenbutton/test_usage_data_2.xml")));
  }

  @Test
  void userWebhookAnswers202UntilTheSandboxCalledBackThenTheFeed() {
    List<JsonNode> callbacks = new CopyOnWriteArrayList<>();
    DisposableServer receiver = HttpServer.create().host("127.0.0.1").port(0)
        .route(routes -> routes.post("/hooks/session-7", (request, response) ->
            request.receive().aggregate().asString().doOnNext(body -> callbacks.add(json.readTree(body)))
                .then(response.status(204).send())))
        .bindNow();
    try {
      http.put().uri("/sandbox/settings").contentType(MediaType.APPLICATION_JSON)
          .bodyValue(Map.of("webhook_delay", "PT0.3S")).exchange().expectStatus().isOk().expectBody().returnResult();
      JsonNode login = post("/utility/login", Map.of("username", "user_webhook", "password", "pass_good", "device_id", "device-1",
          "callback_url", "http://127.0.0.1:" + receiver.port() + "/hooks/session-7"), 200);
      Session session = new Session(login.path("access_token").asString(), login.path("subscription_id").asString());

      get(session, "").expectStatus().isAccepted().expectBody().jsonPath("$.status").isEqualTo("pending");

      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !callbacks.isEmpty());
      assertThat(callbacks).hasSize(1);
      assertThat(callbacks.get(0).path("subscription_id").asString()).isEqualTo(session.subscription());
      assertThat(callbacks.get(0).path("status").asString()).isEqualTo("ready");
      Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> get(session, "").expectStatus().isOk().expectBody().returnResult());
      assertThat(feed(session, "").accounts.keySet()).containsExactly("5550001101", "5550001102");
    } finally {
      receiver.disposeNow();
    }
  }

  @Test
  void userWebhookServesTheDataToAClientThatFetchesWhileItHandlesTheCallback() {
    List<Integer> fetchedDuringCallback = new CopyOnWriteArrayList<>();
    AtomicReference<Session> session = new AtomicReference<>();
    WebClient client = WebClient.create(sandbox.baseUrl());
    DisposableServer receiver = HttpServer.create().host("127.0.0.1").port(0)
        .route(routes -> routes.post("/hooks/session-8", (request, response) ->
            request.receive().aggregate().asString()
                .then(client.get().uri(session.get().batch()).header("Authorization", "Bearer " + session.get().token())
                    .exchangeToMono(answer -> answer.releaseBody().thenReturn(answer.statusCode().value())))
                .doOnNext(fetchedDuringCallback::add)
                .then(response.status(204).send())))
        .bindNow();
    try {
      http.put().uri("/sandbox/settings").contentType(MediaType.APPLICATION_JSON)
          .bodyValue(Map.of("webhook_delay", "PT0.2S")).exchange().expectStatus().isOk().expectBody().returnResult();
      JsonNode login = post("/utility/login", Map.of("username", "user_webhook", "password", "pass_good", "device_id", "device-1",
          "callback_url", "http://127.0.0.1:" + receiver.port() + "/hooks/session-8"), 200);
      session.set(new Session(login.path("access_token").asString(), login.path("subscription_id").asString()));

      get(session.get(), "").expectStatus().isAccepted().expectBody().returnResult();

      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !fetchedDuringCallback.isEmpty());
      assertThat(fetchedDuringCallback).as("what a fetch on the callback answered").containsExactly(200);
    } finally {
      receiver.disposeNow();
    }
  }

  @Test
  void userWebhookWithoutACallbackUrlIsReadyAfterTheDelay() {
    http.put().uri("/sandbox/settings").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("webhook_delay", "PT0.1S")).exchange().expectStatus().isOk().expectBody().returnResult();
    Session session = utility("user_webhook", "device-1");

    get(session, "").expectStatus().isAccepted().expectBody().returnResult();

    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> get(session, "").expectStatus().isOk().expectBody().returnResult());
  }

  @Test
  void theAnomaliesListedAreTheOnesInTheFeed() {
    Session session = utility("user_good", "device-1");
    ParsedFeed feed = feed(session, window(now().minus(Duration.ofDays(400)), now()));
    ParsedFeed.Account electricity = feed.account("5550000101");
    LocalDate from = electricity.blocks().get(0).title();
    LocalDate to = electricity.blocks().get(electricity.blocks().size() - 1).title();

    JsonNode planted = json.readTree(http.get()
        .uri("/sandbox/utility/users/user_good/accounts/5550000101/anomalies?from=" + from + "&to=" + to)
        .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());

    assertThat(planted.path("anomalous_days").size()).isBetween(4, 20);
    Map<Long, Long> negatives = new java.util.HashMap<>();
    Map<Long, Long> estimated = new java.util.HashMap<>();
    Map<Long, Long> spikes = new java.util.HashMap<>();
    for (JsonNode r : planted.path("readings")) {
      long start = Instant.parse(r.path("start").asString()).getEpochSecond();
      switch (r.path("kind").asString()) {
        case "negative" -> negatives.put(start, r.path("value").asLong());
        case "estimated" -> estimated.put(start, r.path("value").asLong());
        case "spike" -> spikes.put(start, r.path("value").asLong());
        default -> throw new AssertionError(r.toString());
      }
    }
    assertThat(spikes).isNotEmpty();
    assertThat(negatives).isNotEmpty();
    assertThat(estimated).isNotEmpty();
    Map<Long, Long> servedNegatives = new java.util.HashMap<>();
    Map<Long, Long> servedEstimated = new java.util.HashMap<>();
    for (ParsedFeed.Block b : electricity.blocks()) {
      for (ParsedFeed.Reading r : b.readings()) {
        if (r.value() < 0) {
          servedNegatives.put(r.start(), r.value());
        }
        if (Integer.valueOf(9).equals(r.quality())) {
          servedEstimated.put(r.start(), r.value());
        }
        if (spikes.containsKey(r.start())) {
          assertThat(r.value()).isEqualTo(spikes.get(r.start()));
        }
      }
    }
    assertThat(servedNegatives).isEqualTo(negatives);
    assertThat(servedEstimated).isEqualTo(estimated);
    // An anomalous day's evening is far above the same account's ordinary evenings.
    String day = planted.path("anomalous_days").get(0).asString();
    long anomalousEvening = electricity.blocks().stream().filter(b -> b.title().toString().equals(day)).findFirst().orElseThrow()
        .readings().subList(72, 88).stream().mapToLong(ParsedFeed.Reading::value).sum();
    double ordinaryEvening = electricity.blocks().stream()
        .mapToLong(b -> b.readings().subList(72, Math.min(88, b.readings().size())).stream().mapToLong(ParsedFeed.Reading::value).sum())
        .average().orElseThrow();
    assertThat(anomalousEvening).isGreaterThan((long) (1.5 * ordinaryEvening));
  }

  @Test
  void theAnomalyEndpointNamesWhatIsWrongWithItsInput() {
    http.get().uri("/sandbox/utility/users/user_good/accounts/999/anomalies?from=2026-01-01&to=2026-01-31").exchange()
        .expectStatus().isBadRequest().expectBody().jsonPath("$.field").isEqualTo("account_number")
        .jsonPath("$.valid_values[0]").isEqualTo("5550000101");
    http.get().uri("/sandbox/utility/users/user_good/accounts/5550000101/anomalies?from=2026-02-01&to=2026-01-31").exchange()
        .expectStatus().isBadRequest().expectBody().jsonPath("$.field").isEqualTo("to");
    http.get().uri("/sandbox/utility/users/nobody/accounts/1/anomalies?from=2026-01-01&to=2026-01-31").exchange()
        .expectStatus().isNotFound().expectBody().returnResult();
  }

}
