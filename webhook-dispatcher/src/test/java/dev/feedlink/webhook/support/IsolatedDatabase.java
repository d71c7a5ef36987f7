package dev.feedlink.webhook.support;

import dev.feedlink.testkit.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database of its own beside the test run's, for a dispatcher that must not share work with the
 * others (a second instance in one JVM with another clock or other settings). Dropped at JVM exit.
 */
public final class IsolatedDatabase {

  private IsolatedDatabase() {}

  public static String create(String purpose) {
    String name = TestInfrastructure.get().database() + "_" + purpose;
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    admin("CREATE DATABASE " + name);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
    return name;
  }

  public static String jdbcUrl(String database) {
    TestInfrastructure infra = TestInfrastructure.get();
    return infra.jdbcUrl().replace("/" + infra.database(), "/" + database);
  }

  public static String r2dbcUrl(String database) {
    TestInfrastructure infra = TestInfrastructure.get();
    return infra.r2dbcUrl().replace("/" + infra.database(), "/" + database);
  }

  private static void admin(String sql) {
    TestInfrastructure infra = TestInfrastructure.get();
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), infra.user(), infra.password());
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
