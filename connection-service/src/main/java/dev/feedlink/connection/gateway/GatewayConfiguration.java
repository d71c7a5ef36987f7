package dev.feedlink.connection.gateway;

import dev.feedlink.connection.app.Apps;
import dev.feedlink.connection.connections.Connections;
import dev.feedlink.platform.PlatformProperties;
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
  RouteLocator ownedElsewhere(RouteLocatorBuilder routes, GatewayProperties gateway) {
    return routes
        .routes()
        .route(
            "stream-scheduler",
            r -> r.order(0)
                .path("/accounts/stream", "/accounts/*/stream", "/accounts/*/stream/**")
                .uri(gateway.streamScheduler()))
        .route("webhook-dispatcher", r -> r.order(1).path("/webhooks/**").uri(gateway.webhookDispatcher()))
        .route("pipeline-worker", r -> r.order(2).path("/accounts/**", "/data/**").uri(gateway.pipelineWorker()))
        .build();
  }
}
