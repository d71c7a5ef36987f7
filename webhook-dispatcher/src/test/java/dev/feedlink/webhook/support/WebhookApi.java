package dev.feedlink.webhook.support;

import dev.feedlink.platform.PlatformProperties;
import dev.feedlink.platform.web.CallerApp;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Calls the dispatcher's API as the gateway forwards it: internal token plus the caller's app id. */
public final class WebhookApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebTestClient client;
  private final String appId;
  private final String internalToken;

  public WebhookApi(WebTestClient client, String appId) {
    this(client, appId, PlatformProperties.DEVELOPMENT_INTERNAL_TOKEN);
  }

  public WebhookApi(WebTestClient client, String appId, String internalToken) {
    this.client = client;
    this.appId = appId;
    this.internalToken = internalToken;
  }

  public static WebhookApi forNewApp(WebTestClient client) {
    return new WebhookApi(client, UUID.randomUUID().toString());
  }

  public String appId() {
    return appId;
  }

  public WebhookApi as(String otherApp) {
    return new WebhookApi(client, otherApp, internalToken);
  }

  public WebTestClient.ResponseSpec call(HttpMethod method, String path, Object body) {
    WebTestClient.RequestBodySpec spec =
        client.method(method).uri(path)
            .header(CallerApp.INTERNAL_TOKEN_HEADER, internalToken)
            .header(CallerApp.APP_ID_HEADER, appId);
    return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
  }

  public JsonNode json(HttpMethod method, String path, Object body, int expectedStatus) {
    byte[] response = call(method, path, body).expectStatus().isEqualTo(expectedStatus).expectBody().returnResult().getResponseBody();
    return response == null ? JSON.nullNode() : JSON.readTree(response);
  }

  public JsonNode get(String path) {
    return json(HttpMethod.GET, path, null, 200);
  }

  /** Registers an endpoint; the answer includes its secret. */
  public JsonNode createEndpoint(String url, Object... extra) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("url", url);
    for (int i = 0; i < extra.length; i += 2) {
      body.put((String) extra[i], extra[i + 1]);
    }
    return json(HttpMethod.POST, "/webhooks/endpoints", body, 201);
  }
}
