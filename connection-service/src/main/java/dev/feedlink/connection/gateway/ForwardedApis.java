package dev.feedlink.connection.gateway;

import java.net.URI;
import java.util.List;

/**
 * The public routes the gateway forwards to the services that own them, in the order it tries
 * them (Stream's {@code /accounts/…/stream} before the data API's {@code /accounts/**}), each with
 * the OpenAPI description its service publishes, served by the gateway at {@code
 * /v3/api-docs/{docs}}. The routes and the descriptions come from this one list so that neither can
 * forget a service.
 */
public record ForwardedApis(List<Api> apis) {

  /** Where the gateway's own description is, and the name it is listed under. */
  public static final String API_DOCS = "/v3/api-docs";
  public static final String GATEWAY_DOCS = "connections";

  /**
   * @param id the route's id
   * @param docs the name its description is listed and served under
   * @param service the base URI of the service that owns the routes
   * @param paths the path patterns forwarded (Spring path patterns)
   */
  public record Api(String id, String docs, URI service, List<String> paths) {
    public Api {
      paths = List.copyOf(paths);
    }

    /** Where the gateway serves this service's description. */
    public String docsPath() {
      return API_DOCS + "/" + docs;
    }
  }

  public ForwardedApis {
    apis = List.copyOf(apis);
  }

  static ForwardedApis of(GatewayProperties gateway) {
    return new ForwardedApis(List.of(
        new Api("stream-scheduler", "stream", gateway.streamScheduler(),
            List.of("/accounts/stream", "/accounts/*/stream", "/accounts/*/stream/**")),
        new Api("webhook-dispatcher", "webhooks", gateway.webhookDispatcher(), List.of("/webhooks/**")),
        new Api("pipeline-worker", "data", gateway.pipelineWorker(), List.of("/accounts/**", "/data/**"))));
  }
}
