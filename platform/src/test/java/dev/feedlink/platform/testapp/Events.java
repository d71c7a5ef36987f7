package dev.feedlink.platform.testapp;

import dev.feedlink.events.ProviderCatalogued;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Test events. */
public final class Events {

  public static ProviderCatalogued provider(String providerId, String name) {
    return ProviderCatalogued.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
        .setProviderId(providerId)
        .setName(name)
        .setKind("utility")
        .setCountry("US")
        .setDataTypes(List.of("interval"))
        .setLoginMethod("credentials")
        .build();
  }

  private Events() {}
}
