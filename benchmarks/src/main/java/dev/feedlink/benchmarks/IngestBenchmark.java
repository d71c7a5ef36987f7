package dev.feedlink.benchmarks;

import dev.feedlink.pipeline.data.IntervalWriter;
import dev.feedlink.pipeline.provider.domain.UsageInterval;
import dev.feedlink.testkit.TestInfrastructure;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

/**
 * Interval readings stored per second by the pipeline's ingest path ({@link IntervalWriter}: rows as
 * arrays, expanded by {@code unnest}, {@code ON CONFLICT DO NOTHING} on the natural key), against a
 * plain {@code COPY} of the same rows into an identical table (same primary key and index) of the
 * same database, in the same run. Also: storing the same rows again (a refresh that finds only
 * what it has, every row a conflict), which a COPY cannot do at all.
 *
 * <p>Workload: {@value #ACCOUNTS} electricity accounts × {@value #DAYS} days × 96 readings, written
 * one account per statement batch as a session's Structuring step writes them, by 1 and by
 * {@value #PARALLEL} connections at once (sessions run concurrently).
 */
public final class IngestBenchmark {

  private static final int ACCOUNTS = 400;
  private static final int DAYS = 30;
  private static final int PER_ACCOUNT = DAYS * 96;
  private static final int PARALLEL = 4;
  private static final String SCHEMA = "ingest_bench";

  public static void main(String[] args) throws Exception {
    TestInfrastructure infra = TestInfrastructure.get();
    Flyway.configure().dataSource(infra.jdbcUrl(), infra.user(), infra.password())
        .schemas(SCHEMA).defaultSchema(SCHEMA).locations("classpath:db/migration/pipeline").load().migrate();
    try (Connection c = infra.openJdbc(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + SCHEMA + ".interval_reading_copy (LIKE " + SCHEMA + ".interval_reading INCLUDING ALL)");
    }
    ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration.builder(new PostgresqlConnectionFactory(
            PostgresqlConnectionConfiguration.builder()
                .host(host(infra)).port(port(infra)).database(infra.database()).username(infra.user()).password(infra.password())
                .schema(SCHEMA).build()))
        .initialSize(PARALLEL).maxSize(PARALLEL).build());
    DatabaseClient db = DatabaseClient.create(pool);
    IntervalWriter writer = new IntervalWriter(db);

    List<List<UsageInterval>> accounts = new ArrayList<>();
    for (int a = 0; a < ACCOUNTS; a++) {
      accounts.add(readings(a));
    }
    long rows = (long) ACCOUNTS * PER_ACCOUNT;
    System.out.printf("IngestBenchmark: %,d interval readings (%d accounts × %d days × 96), PostgreSQL %s%n",
        rows, ACCOUNTS, DAYS, infra.jdbcUrl());

    // Warm-up of both paths (JIT, connections, plans) on other rows.
    ingest(writer, List.of(readings(-1), readings(-2)), 1);
    copy(infra, List.of(readings(-1), readings(-2)), 1);
    truncate(infra);

    System.out.printf("%-54s %14s %14s %8s%n", "", "ours", "plain COPY", "ratio");
    for (int parallel : new int[] {1, PARALLEL}) {
      truncate(infra);
      double ours = rate(rows, () -> ingest(writer, accounts, parallel));
      double baseline = rate(rows, () -> copy(infra, accounts, parallel));
      System.out.printf("%-54s %,11.0f /s %,11.0f /s %7.2f%n",
          "new readings, " + parallel + " connection" + (parallel > 1 ? "s" : ""), ours, baseline, ours / baseline);
      double again = rate(rows, () -> ingest(writer, accounts, parallel));
      System.out.printf("%-54s %,11.0f /s %14s%n", "the same readings again (all already stored), " + parallel, again, "n/a");
    }
    verify(infra, rows);
    pool.dispose();
    System.exit(0);
  }

  private interface Work {
    void run() throws Exception;
  }

  private static double rate(long rows, Work work) throws Exception {
    long start = System.nanoTime();
    work.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    return rows / seconds;
  }

  private static void ingest(IntervalWriter writer, List<List<UsageInterval>> accounts, int parallel) {
    Flux.range(0, accounts.size())
        .flatMap(i -> writer.write(accountId(i), 1, accounts.get(i)), parallel)
        .blockLast(Duration.ofMinutes(10));
  }

  private static void copy(TestInfrastructure infra, List<List<UsageInterval>> accounts, int parallel) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int p = 0; p < parallel; p++) {
        int part = p;
        done.add(pool.submit(() -> {
          try (Connection c = infra.openJdbc()) {
            for (int i = part; i < accounts.size(); i += parallel) {
              copyAccount(c, accountId(i), accounts.get(i));
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static void copyAccount(Connection c, UUID account, List<UsageInterval> rows) throws SQLException, IOException {
    StringBuilder text = new StringBuilder(rows.size() * 90);
    for (UsageInterval r : rows) {
      text.append(account).append('\t').append(r.start()).append('\t').append(r.durationSeconds()).append('\t')
          .append(r.usage().toPlainString()).append('\t').append(r.unit()).append('\t')
          .append(r.quality() == null ? "\\N" : r.quality()).append('\t').append(1).append('\n');
    }
    c.unwrap(PGConnection.class).getCopyAPI().copyIn(
        "COPY " + SCHEMA + ".interval_reading_copy (account_id, start_time, duration_seconds, usage, unit, quality, stored_seq)"
            + " FROM STDIN", new StringReader(text.toString()));
  }

  private static void truncate(TestInfrastructure infra) throws SQLException {
    try (Connection c = infra.openJdbc(); Statement s = c.createStatement()) {
      s.execute("TRUNCATE " + SCHEMA + ".interval_reading, " + SCHEMA + ".interval_reading_copy");
      s.execute("VACUUM ANALYZE " + SCHEMA + ".interval_reading");
      s.execute("VACUUM ANALYZE " + SCHEMA + ".interval_reading_copy");
    }
  }

  /** Both tables hold exactly the rows, once. */
  private static void verify(TestInfrastructure infra, long rows) throws SQLException {
    try (Connection c = infra.openJdbc(); Statement s = c.createStatement()) {
      for (String table : List.of("interval_reading", "interval_reading_copy")) {
        var rs = s.executeQuery("SELECT count(*), count(DISTINCT (account_id, start_time)) FROM " + SCHEMA + "." + table);
        rs.next();
        if (rs.getLong(1) != rows || rs.getLong(2) != rows) {
          throw new IllegalStateException(table + " holds " + rs.getLong(1) + " rows, " + rs.getLong(2) + " distinct; expected " + rows);
        }
      }
    }
    System.out.printf("checked: both tables hold the %,d readings once each%n", rows);
  }

  private static UUID accountId(int i) {
    return UUID.nameUUIDFromBytes(("bench-account-" + i).getBytes());
  }

  /** A month of 15-minute readings, values like a household's (Wh, delivered as kWh with 3 decimals). */
  private static List<UsageInterval> readings(int account) {
    List<UsageInterval> rows = new ArrayList<>(PER_ACCOUNT);
    Instant start = Instant.parse("2026-10-01T04:00:00Z");
    long seed = account * 2654435761L;
    for (int i = 0; i < PER_ACCOUNT; i++) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      long wh = 80 + Math.floorMod(seed >>> 33, 400);
      rows.add(new UsageInterval(start.plusSeconds(900L * i), 900, BigDecimal.valueOf(wh, 3), "kWh", i % 500 == 0 ? "estimated_linear" : null));
    }
    return rows;
  }

  private static String host(TestInfrastructure infra) {
    return infra.jdbcUrl().replaceFirst("jdbc:postgresql://", "").replaceFirst(":.*", "");
  }

  private static int port(TestInfrastructure infra) {
    String rest = infra.jdbcUrl().replaceFirst("jdbc:postgresql://[^:]+:", "");
    return Integer.parseInt(rest.substring(0, rest.indexOf('/')));
  }
}
