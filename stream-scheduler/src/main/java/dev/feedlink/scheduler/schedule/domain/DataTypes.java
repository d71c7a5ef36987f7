package dev.feedlink.scheduler.schedule.domain;

import java.util.List;

/** The data types a Stream refresh can ask for (docs/events.md, "Data types"). */
public final class DataTypes {

  public static final List<String> ALL =
      List.of("interval", "bill", "bank_account", "bank_balance", "bank_transaction", "user_info");

  private DataTypes() {}

  /** What an account can be refreshed for: its own data types when the pipeline named them, else all. */
  public static List<String> validFor(List<String> accountDataTypes) {
    return accountDataTypes.isEmpty() ? ALL : accountDataTypes;
  }
}
