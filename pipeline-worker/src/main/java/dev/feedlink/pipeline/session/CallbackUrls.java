package dev.feedlink.pipeline.session;

import java.net.URI;
import org.springframework.core.env.Environment;

/**
 * Where a provider that prepares data asynchronously calls a session back: this service's callback
 * endpoint with the session id and the session's own random secret in the path (not the query, which
 * access logs keep).
 */
public final class CallbackUrls {

  public static final String PATH = "/provider-callbacks/";

  private final PipelineProperties properties;
  private final Environment environment;

  public CallbackUrls(PipelineProperties properties, Environment environment) {
    this.properties = properties;
    this.environment = environment;
  }

  public URI of(Session s) {
    if (s.callbackSecret() == null) {
      return null;
    }
    return URI.create(base() + PATH + s.sessionId() + "/" + s.callbackSecret());
  }

  private String base() {
    if (properties.callbackBaseUrl() != null) {
      String configured = properties.callbackBaseUrl().toString();
      return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }
    // The port is known only once the server has started (0 in tests picks a free one).
    return "http://localhost:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8081"));
  }
}
