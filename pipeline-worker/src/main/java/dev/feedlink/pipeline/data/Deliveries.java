package dev.feedlink.pipeline.data;

import dev.feedlink.pipeline.data.RecordReader.Filter;
import dev.feedlink.pipeline.data.domain.AccountDelivery;
import dev.feedlink.pipeline.data.domain.Delivery;
import dev.feedlink.pipeline.provider.domain.DataType;
import dev.feedlink.pipeline.provider.domain.FetchWindow;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Delivers records never delivered before: under the account's watermark lock, everything stored
 * above the watermark is this delivery's, and the watermark moves past it, in the caller's
 * transaction (the one that publishes the event carrying them). A Rewind also carries the records
 * of its window that were delivered before, counted as overlapping.
 */
public final class Deliveries {

  /** An account a delivery covers. */
  public record Target(UUID accountId, String accountNumber, Integer intervalSeconds) {}

  private record Counted(Target target, long watermark, long newRecords, long newThrough, Instant newestTime, long overlapping) {}

  private final DatabaseClient db;
  private final ProviderDataStore store;
  private final RecordReader reader;

  public Deliveries(DatabaseClient db, ProviderDataStore store) {
    this.db = db;
    this.store = store;
    this.reader = new RecordReader(db);
  }

  /**
   * @param rewind the Rewind's window, or null for a Stream/first delivery (new records only)
   * @param inlineMax the most records carried in the event itself
   */
  public Mono<Delivery> deliver(UUID sessionId, DataType type, List<Target> targets, FetchWindow rewind, int inlineMax, Instant now) {
    RecordTable table = RecordTable.of(type).orElseThrow(() -> new IllegalArgumentException(type + " is not delivered"));
    return store.lockWatermarks(targets.stream().map(Target::accountId).toList(), List.of(type))
        .thenMany(Flux.fromIterable(targets).concatMap(t -> count(table, t, rewind)))
        .collectList()
        .flatMap(counted -> {
          long total = counted.stream().mapToLong(c -> c.newRecords() + c.overlapping()).sum();
          boolean inline = Delivery.fitsInline(total, inlineMax);
          return Flux.fromIterable(counted)
              .concatMap(c -> record(sessionId, type, c, rewind, now).then(inline ? load(table, c, rewind) : Mono.just(empty(c))))
              .collectList()
              .map(accounts -> new Delivery(type, accounts, inline));
        });
  }

  private Mono<Counted> count(RecordTable table, Target target, FetchWindow rewind) {
    Mono<Long> watermark = db.sql("SELECT delivered_seq FROM watermark WHERE account_id = :a AND data_type = :t")
        .bind("a", target.accountId())
        .bind("t", table.type.wireName())
        .map(row -> row.get(0, Long.class))
        .one()
        .defaultIfEmpty(0L);
    return watermark.flatMap(wm -> db.sql("SELECT count(*) AS n, max(stored_seq) AS seq, max(" + table.time + ") AS newest FROM "
                + table.table + " WHERE account_id = :a AND stored_seq > :wm" + table.storedFilter())
            .bind("a", target.accountId())
            .bind("wm", wm)
            .map(row -> {
              Long seq = row.get("seq", Long.class);
              return new Counted(target, wm, row.get("n", Long.class), seq == null ? wm : seq, row.get("newest", Instant.class), 0);
            })
            .one()
            .flatMap(counted -> overlap(table, target, wm, rewind)
                .map(over -> new Counted(target, wm, counted.newRecords(), counted.newThrough(), counted.newestTime(), over))));
  }

  private Mono<Long> overlap(RecordTable table, Target target, long wm, FetchWindow rewind) {
    if (rewind == null) {
      return Mono.just(0L);
    }
    Filter window = delivered(table, wm, rewind);
    return window.bind(db.sql("SELECT count(*) FROM " + table.table + " WHERE account_id = :a AND (" + window.sql() + ")"))
        .bind("a", target.accountId())
        .map(row -> row.get(0, Long.class))
        .one();
  }

  /** Records at or below the watermark (delivered before) inside a Rewind's window. */
  private static Filter delivered(RecordTable table, long wm, FetchWindow window) {
    Map<String, Object> values = new HashMap<>();
    values.put("wm", wm);
    values.put("from", window.from());
    String sql = "stored_seq <= :wm" + table.storedFilter() + " AND " + table.time + " >= :from";
    if (window.to() != null) {
      values.put("to", window.to());
      sql += " AND " + table.time + " < :to";
    }
    return Filter.of(sql, values);
  }

  private Mono<Void> record(UUID sessionId, DataType type, Counted c, FetchWindow rewind, Instant now) {
    if (c.newRecords() == 0 && c.overlapping() == 0) {
      return Mono.empty();
    }
    Mono<Void> watermark = db.sql("UPDATE watermark SET delivered_seq = GREATEST(delivered_seq, :through),"
            + " delivered_records = delivered_records + :n,"
            + " latest_record_at = CASE WHEN :hasNewest THEN GREATEST(latest_record_at, :newest) ELSE latest_record_at END,"
            + " last_delivered_at = :now, last_session_id = :session WHERE account_id = :a AND data_type = :t")
        .bind("through", c.newThrough())
        .bind("n", c.newRecords())
        .bind("hasNewest", c.newestTime() != null)
        .bind("newest", c.newestTime() == null ? now : c.newestTime())
        .bind("now", now)
        .bind("session", sessionId)
        .bind("a", c.target().accountId())
        .bind("t", type.wireName())
        .then();
    var insert = db.sql("INSERT INTO delivery (session_id, account_id, data_type, after_seq, through_seq, window_from, window_to,"
            + " new_records, overlapping, delivered_at) VALUES (:session, :a, :t, :after, :through, :from, :to, :n, :o, :now)"
            + " ON CONFLICT DO NOTHING")
        .bind("session", sessionId)
        .bind("a", c.target().accountId())
        .bind("t", type.wireName())
        .bind("after", c.watermark())
        .bind("through", c.newThrough())
        .bind("from", org.springframework.r2dbc.core.Parameter.fromOrEmpty(rewind == null ? null : rewind.from(), Instant.class))
        .bind("to", org.springframework.r2dbc.core.Parameter.fromOrEmpty(rewind == null ? null : rewind.to(), Instant.class))
        .bind("n", c.newRecords())
        .bind("o", c.overlapping())
        .bind("now", now);
    return watermark.then(insert.then());
  }

  private static AccountDelivery empty(Counted c) {
    return new AccountDelivery(c.target().accountId(), c.target().accountNumber(), minutes(c.target()), c.newRecords(), c.overlapping(),
        List.of(), List.of(), List.of(), List.of());
  }

  private static Integer minutes(Target t) {
    return t.intervalSeconds() == null || t.intervalSeconds() == 0 ? null : t.intervalSeconds() / 60;
  }

  /** The records of a delivery: new ones and a Rewind's overlapping ones. */
  static Filter deliveredBy(RecordTable table, long after, long through, FetchWindow rewind) {
    Map<String, Object> values = new HashMap<>();
    values.put("after", after);
    values.put("through", through);
    String sql = "(stored_seq > :after AND stored_seq <= :through" + table.storedFilter() + ")";
    if (rewind != null) {
      Filter before = delivered(table, after, rewind);
      sql += " OR (" + before.sql().replace(":wm", ":after") + ")";
      before.values().forEach((k, v) -> {
        if (!k.equals("wm")) {
          values.put(k, v);
        }
      });
    }
    return Filter.of(sql, values);
  }

  private Mono<AccountDelivery> load(RecordTable table, Counted c, FetchWindow rewind) {
    Filter filter = deliveredBy(table, c.watermark(), c.newThrough(), rewind);
    UUID id = c.target().accountId();
    String number = c.target().accountNumber();
    int limit = (int) Math.min(Integer.MAX_VALUE, c.newRecords() + c.overlapping());
    return switch (table) {
      case INTERVAL -> reader.intervals(id, filter, limit).collectList()
          .map(rows -> new AccountDelivery(id, number, minutes(c.target()), c.newRecords(), c.overlapping(), rows, List.of(), List.of(), List.of()));
      case BILL -> reader.bills(id, filter, limit).collectList()
          .map(rows -> new AccountDelivery(id, number, null, c.newRecords(), c.overlapping(), List.of(), rows, List.of(), List.of()));
      case BANK_BALANCE -> reader.balances(id, number, filter, limit).collectList()
          .map(rows -> new AccountDelivery(id, number, null, c.newRecords(), c.overlapping(), List.of(), List.of(), rows, List.of()));
      case BANK_TRANSACTION -> reader.transactions(id, number, filter, limit).collectList()
          .map(rows -> new AccountDelivery(id, number, null, c.newRecords(), c.overlapping(), List.of(), List.of(), List.of(), rows));
      case BANK_ACCOUNT -> Mono.just(empty(c));
    };
  }

}
