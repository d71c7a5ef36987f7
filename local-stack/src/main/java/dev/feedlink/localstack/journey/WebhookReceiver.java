package dev.feedlink.localstack.journey;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A client app's webhook endpoint: receives Feedlink's POSTs on loopback, checks each signature the
 * way the README tells receivers to (Standard Webhooks, HMAC-SHA256 over {@code id.timestamp.body}),
 * keeps every delivery and answers 204.
 */
public final class WebhookReceiver implements AutoCloseable {

  /** One delivery as it arrived. */
  public record Delivery(
      String webhookId, String timestamp, String signature, byte[] rawBody, JsonNode body, boolean signatureValid, Instant receivedAt) {

    public String type() {
      return body.path("type").asString();
    }
  }

  private final HttpServer server;
  private final ObjectMapper json = new ObjectMapper();
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final List<Consumer<Delivery>> listeners = new CopyOnWriteArrayList<>();
  private volatile String secret;

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  /** Listens on 127.0.0.1 on a free port. */
  public static WebhookReceiver start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
      WebhookReceiver receiver = new WebhookReceiver(server);
      server.createContext("/", exchange -> {
        try (InputStream in = exchange.getRequestBody()) {
          byte[] body = in.readAllBytes();
          receiver.received(
              exchange.getRequestHeaders().getFirst("webhook-id"),
              exchange.getRequestHeaders().getFirst("webhook-timestamp"),
              exchange.getRequestHeaders().getFirst("webhook-signature"),
              body);
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
      });
      server.setExecutor(Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "webhook-receiver");
        t.setDaemon(true);
        return t;
      }));
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new JourneyFailed("cannot start the webhook receiver: " + e, e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/feedlink";
  }

  /** The endpoint's signing secret ({@code whsec_…}), as registration answered it. */
  public void trust(String signingSecret) {
    this.secret = signingSecret;
  }

  /** Called with every delivery as it arrives (the demo prints them). */
  public void onDelivery(Consumer<Delivery> listener) {
    listeners.add(listener);
  }

  public List<Delivery> deliveries() {
    return new ArrayList<>(deliveries);
  }

  public List<Delivery> deliveries(Predicate<Delivery> which) {
    return deliveries.stream().filter(which).toList();
  }

  private void received(String id, String timestamp, String signature, byte[] body) {
    JsonNode parsed;
    try {
      parsed = json.readTree(body);
    } catch (RuntimeException e) {
      parsed = json.createObjectNode().put("unparseable", new String(body, StandardCharsets.UTF_8));
    }
    Delivery delivery =
        new Delivery(id, timestamp, signature, body, parsed, verify(secret, id, timestamp, signature, body), Clock.systemUTC().instant());
    deliveries.add(delivery);
    listeners.forEach(l -> l.accept(delivery));
  }

  /** The README's receiver check, minus the freshness window (the demo moves the world's clock). */
  static boolean verify(String secret, String id, String timestamp, String signatures, byte[] body) {
    if (secret == null || id == null || timestamp == null || signatures == null) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      byte[] expected = mac.doFinal(body);
      for (String signature : signatures.split(" ")) {
        if (signature.startsWith("v1,") && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
          return true;
        }
      }
      return false;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
