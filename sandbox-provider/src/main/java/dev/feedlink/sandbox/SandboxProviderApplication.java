package dev.feedlink.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The sandbox provider: an HTTP server standing in for third-party data providers. It keeps no
 * database and talks to no broker; when it shares a classpath with the platform (the local stack,
 * other modules' tests), the platform's data and messaging auto-configuration is switched off for it.
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

  /**
   * Defaults that hold however the sandbox is started (its own main or the local stack). Its own
   * config file name keeps another module's {@code application.yml} on a shared classpath out.
   */
  public static final Map<String, Object> DEFAULTS =
      Map.of(
          "spring.application.name", "sandbox-provider",
          "spring.config.name", "sandbox-provider",
          "server.port", "8090",
          "spring.cloud.gateway.server.webflux.enabled", "false",
          "spring.cloud.discovery.enabled", "false",
          "management.endpoints.web.exposure.include", "health,info",
          "management.endpoint.health.show-details", "always",
          // A stand-in for providers, not part of Feedlink's API: no API description (springdoc is on
          // the classpath when it shares a JVM with the services, as in the local stack).
          "springdoc.api-docs.enabled", "false");

  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(SandboxProviderApplication.class);
    app.setDefaultProperties(DEFAULTS);
    app.run(args);
  }

  /**
   * Starts a sandbox in this JVM on a free port (unless {@code server.port} is given), e.g. for
   * another module's tests: {@code SandboxProviderApplication.start(Map.of("sandbox.clock-start",
   * "2026-03-07T12:00:00Z", "sandbox.clock-frozen", true))}. Close it when done.
   *
   * <p>It leaves the JVM's logging as the host configured it: Spring Boot would otherwise set the
   * JVM-wide logging up again for this context, dropping the host test's own levels and format.
   *
   * @param properties any {@code sandbox.*} or Spring setting, above the defaults
   */
  public static RunningSandbox start(Map<String, Object> properties) {
    Map<String, Object> defaults = new LinkedHashMap<>(DEFAULTS);
    defaults.put("server.port", "0");
    SpringApplication app = new SpringApplication(SandboxProviderApplication.class);
    app.setDefaultProperties(defaults);
    app.setBannerMode(Banner.Mode.OFF);
    app.setListeners(app.getListeners().stream().filter(l -> !(l instanceof LoggingApplicationListener)).toList());
    String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    return new RunningSandbox(app.run(args));
  }
}
