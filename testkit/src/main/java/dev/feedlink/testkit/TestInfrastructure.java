package dev.feedlink.testkit;

import dev.feedlink.embeddedkafka.InJvmKafka;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real Kafka broker and PostgreSQL database every test in this JVM uses, started once.
 *
 * <p>Where a Docker engine answers, both run in Testcontainers. Otherwise (this project's machines
 * have none) Kafka is a real KRaft broker inside the JVM and PostgreSQL is the server on
 * 127.0.0.1:5432 (override with FEEDLINK_TEST_PG_HOST/PORT/USER/PASSWORD). Either way each test JVM
 * gets a database of its own, dropped when the JVM exits, so parallel and repeated runs never meet.
 * FEEDLINK_TEST_INFRA=local or =docker forces the choice.
 */
public final class TestInfrastructure {

  private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
  private static final int PARTITIONS = 6;
  private static volatile TestInfrastructure instance;

  private final String kafkaBootstrapServers;
  private final String host;
  private final int port;
  private final String user;
  private final String password;
  private final String database;
  private final boolean docker;

  private TestInfrastructure(
      String kafkaBootstrapServers, String host, int port, String user, String password, String database, boolean docker) {
    this.kafkaBootstrapServers = kafkaBootstrapServers;
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
    this.database = database;
    this.docker = docker;
  }

  public static TestInfrastructure get() {
    TestInfrastructure local = instance;
    if (local == null) {
      synchronized (TestInfrastructure.class) {
        local = instance;
        if (local == null) {
          local = start();
          instance = local;
        }
      }
    }
    return local;
  }

  private static TestInfrastructure start() {
    String forced = System.getenv().getOrDefault("FEEDLINK_TEST_INFRA", "");
    boolean docker = forced.equals("docker") || (!forced.equals("local") && dockerAnswers());
    return docker ? startContainers() : startLocal();
  }

  private static boolean dockerAnswers() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static TestInfrastructure startContainers() {
    KafkaContainer kafka = new KafkaContainer("apache/kafka-native:4.1.0");
    PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:16-alpine").withCommand("postgres", "-c", "max_connections=300");
    kafka.start();
    postgres.start();
    log.info("test infrastructure: Kafka and PostgreSQL in Testcontainers");
    TestInfrastructure infra =
        new TestInfrastructure(
            kafka.getBootstrapServers(),
            postgres.getHost(),
            postgres.getMappedPort(5432),
            postgres.getUsername(),
            postgres.getPassword(),
            newDatabaseName(),
            true);
    infra.createDatabase();
    return infra;
  }

  private static TestInfrastructure startLocal() {
    InJvmKafka broker = InJvmKafka.start(0, PARTITIONS);
    TestInfrastructure infra =
        new TestInfrastructure(
            broker.bootstrapServers(),
            env("FEEDLINK_TEST_PG_HOST", "127.0.0.1"),
            Integer.parseInt(env("FEEDLINK_TEST_PG_PORT", "5432")),
            env("FEEDLINK_TEST_PG_USER", "postgres"),
            env("FEEDLINK_TEST_PG_PASSWORD", ""),
            newDatabaseName(),
            false);
    infra.createDatabase();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  infra.dropDatabase();
                  broker.close();
                },
                "test-infrastructure-shutdown"));
    log.info(
        "test infrastructure: in-JVM KRaft broker at {}, local PostgreSQL database {} (no Docker engine)",
        infra.kafkaBootstrapServers,
        infra.database);
    return infra;
  }

  private static String newDatabaseName() {
    return "feedlink_test_"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"))
        + "_"
        + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24), 36);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private void createDatabase() {
    try (Connection c = DriverManager.getConnection(adminJdbcUrl(), user, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create test database on " + host + ":" + port + " as " + user
              + " (is PostgreSQL running? .ci/run starts it): " + e.getMessage(),
          e);
    }
  }

  private void dropDatabase() {
    try (Connection c = DriverManager.getConnection(adminJdbcUrl(), user, password);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    } catch (SQLException e) {
      log.warn("could not drop test database {}: {}", database, e.getMessage());
    }
  }

  private String adminJdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/postgres";
  }

  public String kafkaBootstrapServers() {
    return kafkaBootstrapServers;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public String r2dbcUrl() {
    return "r2dbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public String database() {
    return database;
  }

  public boolean runsInDocker() {
    return docker;
  }

  /** A JDBC connection to this run's database, for tests that inspect tables directly. */
  public Connection openJdbc() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), user, password);
  }

  /**
   * The Spring properties that point a service at this infrastructure. Pools are kept small: many
   * service instances share one PostgreSQL in the end-to-end tests.
   */
  public Map<String, String> springProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers);
    props.put("spring.r2dbc.url", r2dbcUrl());
    props.put("spring.r2dbc.username", user);
    props.put("spring.r2dbc.password", password);
    props.put("spring.r2dbc.pool.initial-size", "1");
    props.put("spring.r2dbc.pool.max-size", "4");
    props.put("spring.flyway.url", jdbcUrl());
    props.put("spring.flyway.user", user);
    props.put("spring.flyway.password", password);
    props.put("feedlink.development-mode", "true");
    props.put("feedlink.kafka.partitions", String.valueOf(PARTITIONS));
    return props;
  }
}
