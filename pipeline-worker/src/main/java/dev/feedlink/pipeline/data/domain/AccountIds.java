package dev.feedlink.pipeline.data.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Account ids are name-based (UUID v3) from the connection id and the provider's account number, so
 * an account keeps its id across sessions, refreshes and a repaired connection.
 */
public final class AccountIds {

  public static UUID of(UUID connectionId, String accountNumber) {
    return UUID.nameUUIDFromBytes((connectionId + ":" + accountNumber).getBytes(StandardCharsets.UTF_8));
  }

  private AccountIds() {}
}
