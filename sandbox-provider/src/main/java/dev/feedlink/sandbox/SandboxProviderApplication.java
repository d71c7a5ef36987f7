package dev.feedlink.sandbox;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The sandbox provider: an HTTP server standing in for third-party data providers. It keeps no
 * database and talks to no broker; when it shares a classpath with the platform (the local stack),
 * the platform's data and messaging auto-configuration is switched off for it.
 */
@SpringBootApplication(
    excludeName = {
      "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
      "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
      "org.springframework.boot.r2dbc.autoconfigure.R2dbcInitializationAutoConfiguration",
      "org.springframework.boot.r2dbc.autoconfigure.health.ConnectionFactoryHealthContributorAutoConfiguration",
      "org.springframework.boot.r2dbc.autoconfigure.metrics.ConnectionPoolMetricsAutoConfiguration",
      "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
      "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcRepositoriesAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
      "dev.feedlink.platform.PlatformAutoConfiguration"
    })
@ConfigurationPropertiesScan
public class SandboxProviderApplication {

  /** Defaults that hold however the sandbox is started (its own main or the local stack). */
  public static final Map<String, Object> DEFAULTS =
      Map.of(
          "spring.application.name", "sandbox-provider",
          "server.port", "8090",
          "spring.cloud.gateway.server.webflux.enabled", "false",
          "spring.cloud.discovery.enabled", "false",
          "management.endpoints.web.exposure.include", "health,info",
          "management.endpoint.health.show-details", "always");

  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(SandboxProviderApplication.class);
    app.setDefaultProperties(DEFAULTS);
    app.run(args);
  }
}
