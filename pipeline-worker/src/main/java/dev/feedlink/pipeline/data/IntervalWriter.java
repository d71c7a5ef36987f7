package dev.feedlink.pipeline.data;

import dev.feedlink.pipeline.provider.domain.UsageInterval;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes interval readings in bulk: one statement per chunk, the rows passed as arrays and expanded
 * by {@code unnest} (r2dbc-postgresql would otherwise send one round trip per row), skipping
 * readings already stored ({@code ON CONFLICT DO NOTHING} on the natural key).
 */
public final class IntervalWriter {

  /** Rows per statement: large enough to amortise the round trip, small enough for one message. */
  public static final int CHUNK = 5_000;

  private static final String INSERT =
      "INSERT INTO interval_reading (account_id, start_time, duration_seconds, usage, unit, quality, stored_seq)"
          + " SELECT :account, to_timestamp(t.s), t.d, t.u::numeric, t.n, t.q, :seq"
          + " FROM unnest(:starts::bigint[], :durations::int[], :usages::text[], :units::text[], :qualities::text[])"
          + " AS t(s, d, u, n, q)"
          + " ON CONFLICT (account_id, start_time) DO NOTHING";

  private final DatabaseClient db;

  public IntervalWriter(DatabaseClient db) {
    this.db = db;
  }

  /** Stores the readings with {@code seq}; emits how many were new. */
  public Mono<Long> write(UUID accountId, long seq, List<UsageInterval> readings) {
    int chunks = (readings.size() + CHUNK - 1) / CHUNK;
    return Flux.range(0, chunks)
        .concatMap(i -> chunk(accountId, seq, readings.subList(i * CHUNK, Math.min(readings.size(), (i + 1) * CHUNK))))
        .reduce(0L, Long::sum);
  }

  private Mono<Long> chunk(UUID accountId, long seq, List<UsageInterval> rows) {
    int n = rows.size();
    Long[] starts = new Long[n];
    Integer[] durations = new Integer[n];
    String[] usages = new String[n];
    String[] units = new String[n];
    String[] qualities = new String[n];
    for (int i = 0; i < n; i++) {
      UsageInterval r = rows.get(i);
      starts[i] = r.start().getEpochSecond();
      durations[i] = r.durationSeconds();
      usages[i] = r.usage().toPlainString();
      units[i] = r.unit();
      qualities[i] = r.quality();
    }
    return db.sql(INSERT)
        .bind("account", accountId)
        .bind("seq", seq)
        .bind("starts", starts)
        .bind("durations", durations)
        .bind("usages", usages)
        .bind("units", units)
        .bind("qualities", qualities)
        .fetch()
        .rowsUpdated();
  }
}
