package dev.feedlink.connection.gateway;

import dev.feedlink.connection.app.Apps;
import dev.feedlink.connection.connections.Connections;
import dev.feedlink.platform.PlatformProperties;
import java.util.List;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * connection-service is the one public entry point: it authenticates clients and forwards the routes
 * that other services own, which are not exposed themselves.
 */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

  @Bean
  ApiTokenAuthentication apiTokenAuthentication(
      Apps apps, Connections connections, GatewayProperties gateway, PlatformProperties platform) {
    String admin = gateway.adminToken();
    if (admin == null || admin.isBlank()) {
      if (!platform.developmentMode()) {
        throw new IllegalStateException(
            "feedlink.gateway.admin-token is not set: set ADMIN_TOKEN (or FEEDLINK_GATEWAY_ADMIN_TOKEN)");
      }
      admin = GatewayProperties.DEVELOPMENT_ADMIN_TOKEN;
    }
    return new ApiTokenAuthentication(apps, connections, admin);
  }

  @Bean
  RequestSizeLimit requestSizeLimit(GatewayProperties gateway) {
    return new RequestSizeLimit(gateway.maxBodySize());
  }

  @Bean
  ForwardCallerIdentity forwardCallerIdentity(PlatformProperties platform) {
    return new ForwardCallerIdentity(platform.requiredInternalToken());
  }

  @Bean
  ForwardedApis forwardedApis(GatewayProperties gateway) {
    return ForwardedApis.of(gateway);
  }

  /**
   * Each service's routes, in the list's order, and its OpenAPI description at {@code
   * /v3/api-docs/{docs}} (open, like the gateway's own; tried before everything else).
   */
  @Bean
  RouteLocator ownedElsewhere(RouteLocatorBuilder routes, ForwardedApis forwarded) {
    RouteLocatorBuilder.Builder builder = routes.routes();
    List<ForwardedApis.Api> apis = forwarded.apis();
    for (int i = 0; i < apis.size(); i++) {
      ForwardedApis.Api api = apis.get(i);
      int order = i;
      builder
          .route(api.id(), r -> r.order(order).path(api.paths().toArray(String[]::new)).uri(api.service()))
          .route(api.id() + "-api-docs", r -> r.order(-1)
              .path(api.docsPath())
              .filters(f -> f.setPath(ForwardedApis.API_DOCS))
              .uri(api.service()));
    }
    return builder.build();
  }
}
