package dev.feedlink.sandbox.login.domain;

import java.util.List;

/** What an account at a provider is, and the data types a client can fetch for it. */
public enum AccountKind {
  ELECTRICITY(List.of("interval", "bill")),
  GAS(List.of("interval", "bill")),
  TRANSACTION(List.of("bank_account", "bank_balance", "bank_transaction")),
  SAVINGS(List.of("bank_account", "bank_balance", "bank_transaction")),
  CREDIT_CARD(List.of("bank_account", "bank_balance", "bank_transaction"));

  private final List<String> dataTypes;

  AccountKind(List<String> dataTypes) {
    this.dataTypes = dataTypes;
  }

  public List<String> dataTypes() {
    return dataTypes;
  }

  /** The name on the wire: {@code electricity}, {@code credit_card}, … */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
