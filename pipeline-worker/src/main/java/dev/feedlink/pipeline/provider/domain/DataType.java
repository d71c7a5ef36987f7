package dev.feedlink.pipeline.provider.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of data a provider holds. {@link #wireName()} is what events, the Stream API and
 * webhooks say ({@code interval}); {@link #extractionKey()} is seed 001's key for the per-type
 * extraction state ({@code INTERVAL}, {@code BANK_ACCOUNT}).
 */
public enum DataType {
  INTERVAL("interval"),
  BILL("bill"),
  BANK_ACCOUNT("bank_account"),
  BANK_BALANCE("bank_balance"),
  BANK_TRANSACTION("bank_transaction"),
  USER_INFO("user_info");

  public static final List<DataType> UTILITY = List.of(INTERVAL, BILL);
  public static final List<DataType> BANK = List.of(BANK_ACCOUNT, BANK_BALANCE, BANK_TRANSACTION, USER_INFO);

  private final String wireName;

  DataType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public String extractionKey() {
    return name();
  }

  /** Whether records of this type are delivered to clients (user info is stored, never streamed). */
  public boolean isDelivered() {
    return this != USER_INFO;
  }

  public static Optional<DataType> ofWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equalsIgnoreCase(name) || t.name().equalsIgnoreCase(name)).findFirst();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(DataType::wireName).toList();
  }
}
