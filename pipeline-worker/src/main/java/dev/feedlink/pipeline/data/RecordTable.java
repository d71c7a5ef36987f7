package dev.feedlink.pipeline.data;

import dev.feedlink.pipeline.provider.domain.DataType;
import java.util.Optional;

/**
 * Where each delivered data type's records live: the table, the column that places a record in
 * time (a Rewind's window, paging, a refresh's starting point) and the column ordering records.
 */
enum RecordTable {
  INTERVAL(DataType.INTERVAL, "interval_reading", "start_time"),
  BILL(DataType.BILL, "bill", "period_start"),
  BANK_ACCOUNT(DataType.BANK_ACCOUNT, "account", "created_at"),
  BANK_BALANCE(DataType.BANK_BALANCE, "bank_balance", "as_of"),
  BANK_TRANSACTION(DataType.BANK_TRANSACTION, "bank_transaction", "COALESCE(posting_time, execution_time)");

  final DataType type;
  final String table;
  final String time;

  RecordTable(DataType type, String table, String time) {
    this.type = type;
    this.table = table;
    this.time = time;
  }

  static Optional<RecordTable> of(DataType type) {
    for (RecordTable t : values()) {
      if (t.type == type) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** Bank accounts are rows of the account table; only those stored as records count. */
  String storedFilter() {
    return this == BANK_ACCOUNT ? " AND stored_seq IS NOT NULL" : "";
  }
}
