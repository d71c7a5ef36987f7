package dev.feedlink.localstack;

import java.util.Map;

/**
 * How to start the stack. Port 0 picks a free port (tests); the defaults are the documented local
 * ports.
 *
 * @param gatewayPort connection-service, the public entry point
 * @param extraProperties added to every service (e.g. a test's own settings)
 */
public record StackSettings(
    String kafkaBootstrapServers,
    String r2dbcUrl,
    String jdbcUrl,
    String dbUser,
    String dbPassword,
    int gatewayPort,
    int pipelinePort,
    int schedulerPort,
    int webhooksPort,
    int sandboxPort,
    String adminToken,
    Map<String, String> extraProperties) {

  public static final int GATEWAY_PORT = 8080;
  public static final int PIPELINE_PORT = 8081;
  public static final int SCHEDULER_PORT = 8082;
  public static final int WEBHOOKS_PORT = 8083;
  public static final int SANDBOX_PORT = 8090;
  public static final int WEBHOOK_SINK_PORT = 8099;
  public static final int KAFKA_PORT = 9092;

  /** The same stack on free ports, e.g. for a test. */
  public StackSettings onFreePorts() {
    return new StackSettings(
        kafkaBootstrapServers, r2dbcUrl, jdbcUrl, dbUser, dbPassword, 0, 0, 0, 0, 0, adminToken, extraProperties);
  }
}
