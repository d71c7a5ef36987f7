package dev.feedlink.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL for the local stack: the server on 127.0.0.1:5432 when one answers, else an embedded
 * one (which PostgreSQL refuses to run as root). The stack gets a fresh database at every start,
 * like its fresh in-JVM Kafka, unless told to keep it.
 */
final class LocalPostgres implements AutoCloseable {

  private final String host;
  private final int port;
  private final String user;
  private final String database;
  private final EmbeddedPostgres embedded;

  private LocalPostgres(String host, int port, String user, String database, EmbeddedPostgres embedded) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.database = database;
    this.embedded = embedded;
  }

  static LocalPostgres start(String host, int port, String user, String database, boolean keepData) {
    if (answers(host, port, user)) {
      prepare(host, port, user, database, keepData);
      return new LocalPostgres(host, port, user, database, null);
    }
    if ("root".equals(System.getProperty("user.name"))) {
      throw new IllegalStateException(
          "no PostgreSQL answers on " + host + ":" + port + ", and an embedded one cannot run as root;"
              + " start the local server (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)"
              + " or run as another user");
    }
    try {
      EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
      prepare("127.0.0.1", embedded.getPort(), "postgres", database, keepData);
      return new LocalPostgres("127.0.0.1", embedded.getPort(), "postgres", database, embedded);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start an embedded PostgreSQL: " + e.getMessage(), e);
    }
  }

  private static boolean answers(String host, int port, String user) {
    try (Connection c = DriverManager.getConnection(adminUrl(host, port), user, "")) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private static void prepare(String host, int port, String user, String database, boolean keepData) {
    try (Connection c = DriverManager.getConnection(adminUrl(host, port), user, "");
        Statement s = c.createStatement()) {
      if (!keepData) {
        s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      }
      var exists = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
      if (!exists.next()) {
        s.execute("CREATE DATABASE " + database);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot prepare database " + database + ": " + e.getMessage(), e);
    }
  }

  private static String adminUrl(String host, int port) {
    return "jdbc:postgresql://" + host + ":" + port + "/postgres?connectTimeout=2";
  }

  String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  String r2dbcUrl() {
    return "r2dbc:postgresql://" + host + ":" + port + "/" + database;
  }

  String user() {
    return user;
  }

  boolean embedded() {
    return embedded != null;
  }

  @Override
  public void close() throws IOException {
    if (embedded != null) {
      embedded.close();
    }
  }
}
