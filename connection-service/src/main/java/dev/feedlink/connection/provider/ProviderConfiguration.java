package dev.feedlink.connection.provider;

import dev.feedlink.connection.readcache.ChangeFeed;
import dev.feedlink.events.ProviderCatalogued;
import dev.feedlink.platform.kafka.EventSubscription;
import dev.feedlink.platform.kafka.NonRetryableEventException;
import dev.feedlink.schemas.Topics;
import java.util.List;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

@Configuration(proxyBeanMethods = false)
class ProviderConfiguration {

  @Bean
  Providers providers(DatabaseClient db, ChangeFeed changes) {
    return new R2dbcProviders(db, changes);
  }

  /** Keeps the catalogue the pipeline publishes at start-up. */
  @Bean
  EventSubscription providerCatalogue(Providers providers) {
    return EventSubscription.perEvent(
        "provider-catalogue",
        List.of(Topics.PROVIDER_CATALOG),
        envelope -> {
          if (!(envelope.event() instanceof ProviderCatalogued event)) {
            return Mono.empty();
          }
          UUID id;
          try {
            id = UUID.fromString(event.getProviderId());
          } catch (IllegalArgumentException e) {
            return Mono.error(new NonRetryableEventException(envelope.where() + ": providerId is not a UUID", e));
          }
          Provider provider =
              new Provider(
                  id, event.getName(), event.getKind(), event.getCountry(), event.getDataTypes(), event.getLoginMethod());
          return providers.catalogue(provider, event.getOccurredAt());
        });
  }
}
