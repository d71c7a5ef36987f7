package dev.feedlink.platform.db;

import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Migrates the platform's tables (outbox, processed events) into the service's schema before the
 * service's own migrations, each with its own history table, so platform and service migrations are
 * numbered independently.
 */
public final class PlatformMigrations implements FlywayMigrationStrategy {

  public static final String HISTORY_TABLE = "platform_schema_history";
  public static final String LOCATION = "classpath:db/platform";

  @Override
  public void migrate(Flyway service) {
    Flyway.configure()
        .configuration(service.getConfiguration())
        .table(HISTORY_TABLE)
        .locations(LOCATION)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
    service.migrate();
  }
}
