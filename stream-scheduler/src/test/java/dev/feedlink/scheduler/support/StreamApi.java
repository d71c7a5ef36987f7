package dev.feedlink.scheduler.support;

import dev.feedlink.platform.PlatformProperties;
import dev.feedlink.platform.web.CallerApp;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The Stream API as the gateway forwards it: with the internal token and the caller's app id. */
public final class StreamApi {

  private final WebTestClient client;
  private final ObjectMapper json = new ObjectMapper();

  public StreamApi(WebTestClient client) {
    this.client = client;
  }

  public WebTestClient.ResponseSpec post(UUID appId, String path, Object body) {
    WebTestClient.RequestBodySpec request =
        client.post().uri(path)
            .header(CallerApp.INTERNAL_TOKEN_HEADER, PlatformProperties.DEVELOPMENT_INTERNAL_TOKEN)
            .header(CallerApp.APP_ID_HEADER, appId.toString())
            .contentType(MediaType.APPLICATION_JSON);
    return body == null ? request.exchange() : request.bodyValue(body).exchange();
  }

  public WebTestClient.ResponseSpec get(UUID appId, String path) {
    return client.get().uri(path)
        .header(CallerApp.INTERNAL_TOKEN_HEADER, PlatformProperties.DEVELOPMENT_INTERNAL_TOKEN)
        .header(CallerApp.APP_ID_HEADER, appId.toString())
        .exchange();
  }

  public JsonNode read(WebTestClient.ResponseSpec response) {
    return json.readTree(response.expectBody().returnResult().getResponseBody());
  }

  /** GET /accounts/{id}/stream/status, expecting 200. */
  public JsonNode status(UUID appId, String account) {
    return read(get(appId, "/accounts/" + account + "/stream/status").expectStatus().isOk());
  }

  /** The status once the account is known (its AccountsLinked consumed). */
  public int statusCode(UUID appId, String account) {
    return get(appId, "/accounts/" + account + "/stream/status").returnResult(byte[].class).getStatus().value();
  }
}
