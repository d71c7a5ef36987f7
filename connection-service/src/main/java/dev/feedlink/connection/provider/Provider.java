package dev.feedlink.connection.provider;

import java.util.List;
import java.util.UUID;

/**
 * A provider the pipeline can connect to.
 *
 * @param dataTypes the lowercase data types it serves ({@code interval}, {@code bank_account}, ...)
 */
public record Provider(
    UUID providerId, String name, String kind, String country, List<String> dataTypes, String loginMethod) {

  public Provider {
    dataTypes = List.copyOf(dataTypes);
  }
}
