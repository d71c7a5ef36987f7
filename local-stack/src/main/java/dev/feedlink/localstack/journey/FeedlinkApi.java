package dev.feedlink.localstack.journey;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What a client app does over HTTP: calls the gateway with its API token, and, for the demo's sake,
 * the sandbox provider's control API (its clock, a login's password). Every call expects one status
 * and fails with the problem the server answered otherwise.
 */
public final class FeedlinkApi {

  /** One answer: its status and its JSON body ({@code null} when it had none). */
  public record Answer(int status, JsonNode body) {}

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final String gateway;
  private final String sandbox;
  private volatile String token;

  public FeedlinkApi(String gatewayUrl, String sandboxUrl) {
    this.gateway = gatewayUrl;
    this.sandbox = sandboxUrl;
  }

  /** Every later gateway call carries this token ({@code Authorization: Bearer …}). */
  public void authenticate(String apiToken) {
    this.token = apiToken;
  }

  public String gatewayUrl() {
    return gateway;
  }

  public JsonNode get(String path) {
    return expect(200, call("GET", gateway + path, token, null), "GET " + path);
  }

  public JsonNode post(int expected, String path, Object body) {
    return expect(expected, call("POST", gateway + path, token, body), "POST " + path);
  }

  public JsonNode put(int expected, String path, Object body) {
    return expect(expected, call("PUT", gateway + path, token, body), "PUT " + path);
  }

  /** A gateway call with another bearer token (the admin's). */
  public JsonNode postAs(String bearer, int expected, String path, Object body) {
    return expect(expected, call("POST", gateway + path, bearer, body), "POST " + path);
  }

  /** The sandbox provider's own control API (not a Feedlink endpoint). */
  public JsonNode sandbox(String method, String path, Object body) {
    Answer answer = call(method, sandbox + path, null, body);
    return expect(answer.status() / 100 == 2 ? answer.status() : 200, answer, method + " " + path);
  }

  public Answer call(String method, String url, String bearer, Object body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String text = response.body();
      return new Answer(response.statusCode(), text == null || text.isBlank() ? null : json.readTree(text));
    } catch (IOException e) {
      throw new JourneyFailed(method + " " + url + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JourneyFailed(method + " " + url + " interrupted", e);
    }
  }

  private static JsonNode expect(int expected, Answer answer, String what) {
    if (answer.status() != expected) {
      throw new JourneyFailed(what + " answered " + answer.status() + " (expected " + expected + "): " + answer.body());
    }
    return answer.body();
  }
}
