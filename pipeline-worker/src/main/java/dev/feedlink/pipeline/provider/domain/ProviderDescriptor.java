package dev.feedlink.pipeline.provider.domain;

import java.util.List;
import java.util.UUID;

/**
 * A provider Feedlink connects to, as catalogued for connection-service.
 *
 * @param id stable across restarts and instances
 * @param kind {@code utility} or {@code bank}
 * @param country ISO 3166 alpha-2
 */
public record ProviderDescriptor(UUID id, String name, String kind, String country, List<DataType> dataTypes) {

  public static final String UTILITY = "utility";
  public static final String BANK = "bank";

  public ProviderDescriptor {
    dataTypes = List.copyOf(dataTypes);
  }

  /** A provider id that never changes: derived from a fixed name, not generated at start-up. */
  public static UUID stableId(String name) {
    return UUID.nameUUIDFromBytes(("feedlink-provider:" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
