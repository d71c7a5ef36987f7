package dev.feedlink.pipeline.data;

import dev.feedlink.pipeline.data.RecordReader.Filter;
import dev.feedlink.pipeline.provider.domain.DataType;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The data API's reads; every one is scoped to the calling app. */
final class DataQueries {

  record AccountRow(
      UUID accountId, UUID connectionId, UUID providerId, String accountNumber, String name, String kind, List<String> dataTypes,
      String unit, Integer intervalSeconds, String detailsJson) {}

  record DeliveryRow(AccountRow account, long afterSeq, long throughSeq, Instant windowFrom, Instant windowTo, long newRecords, long overlapping) {}

  private static final String ACCOUNT_COLUMNS =
      "a.account_id, a.connection_id, a.provider_id, a.account_number, a.name, a.kind, a.data_types, a.unit, a.interval_seconds, a.details";

  private final DatabaseClient db;
  private final RecordReader reader;

  DataQueries(DatabaseClient db) {
    this.db = db;
    this.reader = new RecordReader(db);
  }

  RecordReader reader() {
    return reader;
  }

  Mono<AccountRow> account(UUID accountId, String appId) {
    return db.sql("SELECT " + ACCOUNT_COLUMNS + " FROM account a WHERE a.account_id = :id AND a.app_id = :app")
        .bind("id", accountId)
        .bind("app", appId)
        .map(DataQueries::account)
        .one();
  }

  Flux<AccountRow> accountsOf(UUID connectionId, String appId) {
    return db.sql("SELECT " + ACCOUNT_COLUMNS + " FROM account a WHERE a.connection_id = :c AND a.app_id = :app ORDER BY a.account_number")
        .bind("c", connectionId)
        .bind("app", appId)
        .map(DataQueries::account)
        .all();
  }

  Mono<String> customerOf(UUID connectionId, String appId) {
    return db.sql("SELECT c.customer FROM bank_customer c WHERE c.connection_id = :c"
            + " AND EXISTS (SELECT 1 FROM account a WHERE a.connection_id = c.connection_id AND a.app_id = :app)")
        .bind("c", connectionId)
        .bind("app", appId)
        .map(row -> row.get(0, Json.class).asString())
        .one();
  }

  Flux<DeliveryRow> deliveriesOf(UUID sessionId, DataType type, String appId) {
    return db.sql("SELECT " + ACCOUNT_COLUMNS + ", d.after_seq, d.through_seq, d.window_from, d.window_to, d.new_records, d.overlapping"
            + " FROM delivery d JOIN account a ON a.account_id = d.account_id"
            + " WHERE d.session_id = :s AND d.data_type = :t AND a.app_id = :app ORDER BY a.account_number")
        .bind("s", sessionId)
        .bind("t", type.wireName())
        .bind("app", appId)
        .map(row -> new DeliveryRow(account(row), row.get("after_seq", Long.class), row.get("through_seq", Long.class),
            row.get("window_from", Instant.class), row.get("window_to", Instant.class), row.get("new_records", Long.class),
            row.get("overlapping", Long.class)))
        .all();
  }

  /** {@code filter}, and only records after the cursor, in the table's order. */
  Filter after(RecordTable table, Filter filter, Cursor cursor) {
    if (cursor == null) {
      return filter;
    }
    Map<String, Object> values = new HashMap<>(filter.values());
    values.put("afterTime", cursor.time());
    String condition;
    if (table == RecordTable.BANK_TRANSACTION) {
      values.put("afterId", cursor.id() == null ? "" : cursor.id());
      condition = "(" + table.time + ", transaction_id) > (:afterTime, :afterId)";
    } else {
      condition = table.time + " > :afterTime";
    }
    return Filter.of("(" + filter.sql() + ") AND " + condition, values);
  }

  private static AccountRow account(Readable row) {
    Json details = row.get("details", Json.class);
    return new AccountRow(
        row.get("account_id", UUID.class),
        row.get("connection_id", UUID.class),
        row.get("provider_id", UUID.class),
        row.get("account_number", String.class),
        row.get("name", String.class),
        row.get("kind", String.class),
        Arrays.asList(row.get("data_types", String[].class)),
        row.get("unit", String.class),
        row.get("interval_seconds", Integer.class),
        details == null ? null : details.asString());
  }
}
