package dev.feedlink.pipeline.data;

import dev.feedlink.pipeline.data.domain.BalanceSnapshot;
import dev.feedlink.pipeline.provider.domain.BankBalance;
import dev.feedlink.pipeline.provider.domain.BankTransaction;
import dev.feedlink.pipeline.provider.domain.UsageInterval;
import dev.feedlink.pipeline.provider.domain.UtilityBill;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

/**
 * Reads stored records of one account, in time order, filtered by a condition on the table
 * (delivered by a session, in a time range, after a cursor). The filter is SQL with named
 * parameters bound by the caller's {@code binder}.
 */
final class RecordReader {

  /** A condition and the values it needs. */
  record Filter(String sql, java.util.Map<String, Object> values) {

    static Filter of(String sql, java.util.Map<String, Object> values) {
      return new Filter(sql, values);
    }

    DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec) {
      for (var e : values.entrySet()) {
        spec = spec.bind(e.getKey(), e.getValue());
      }
      return spec;
    }
  }

  private final DatabaseClient db;

  RecordReader(DatabaseClient db) {
    this.db = db;
  }

  Flux<UsageInterval> intervals(UUID accountId, Filter filter, int limit) {
    return filter.bind(db.sql("SELECT start_time, duration_seconds, usage, unit, quality FROM interval_reading"
                + " WHERE account_id = :account AND (" + filter.sql() + ") ORDER BY start_time LIMIT :limit")
            .bind("account", accountId)
            .bind("limit", limit))
        .map(RecordReader::interval)
        .all();
  }

  static UsageInterval interval(Readable row) {
    return new UsageInterval(
        row.get("start_time", Instant.class),
        row.get("duration_seconds", Integer.class),
        row.get("usage", BigDecimal.class),
        row.get("unit", String.class),
        row.get("quality", String.class));
  }

  Flux<UtilityBill> bills(UUID accountId, Filter filter, int limit) {
    return filter.bind(db.sql("SELECT period_start, period_end, amount, currency, usage, unit, due_date, next_bill_date FROM bill"
                + " WHERE account_id = :account AND (" + filter.sql() + ") ORDER BY period_start LIMIT :limit")
            .bind("account", accountId)
            .bind("limit", limit))
        .map(row -> new UtilityBill(
            row.get("period_start", Instant.class),
            row.get("period_end", Instant.class),
            row.get("amount", BigDecimal.class),
            row.get("currency", String.class),
            row.get("usage", BigDecimal.class),
            row.get("unit", String.class),
            row.get("due_date", LocalDate.class),
            row.get("next_bill_date", LocalDate.class)))
        .all();
  }

  Flux<BalanceSnapshot> balances(UUID accountId, String accountNumber, Filter filter, int limit) {
    return filter.bind(db.sql("SELECT as_of, current_balance, available_balance, currency FROM bank_balance"
                + " WHERE account_id = :account AND (" + filter.sql() + ") ORDER BY as_of LIMIT :limit")
            .bind("account", accountId)
            .bind("limit", limit))
        .map(row -> new BalanceSnapshot(
            row.get("as_of", Instant.class),
            new BankBalance(
                accountNumber,
                row.get("current_balance", BigDecimal.class),
                row.get("available_balance", BigDecimal.class),
                row.get("currency", String.class))))
        .all();
  }

  Flux<BankTransaction> transactions(UUID accountId, String accountNumber, Filter filter, int limit) {
    return filter.bind(db.sql("SELECT transaction_id, status, posting_time, execution_time, amount, currency, description, type, reference"
                + " FROM bank_transaction WHERE account_id = :account AND (" + filter.sql() + ")"
                + " ORDER BY COALESCE(posting_time, execution_time), transaction_id LIMIT :limit")
            .bind("account", accountId)
            .bind("limit", limit))
        .map(row -> new BankTransaction(
            accountNumber,
            row.get("transaction_id", String.class),
            row.get("status", String.class),
            row.get("posting_time", Instant.class),
            row.get("execution_time", Instant.class),
            row.get("amount", BigDecimal.class),
            row.get("currency", String.class),
            row.get("description", String.class),
            row.get("type", String.class),
            row.get("reference", String.class)))
        .all();
  }
}
