package dev.feedlink.platform.testapp;

import dev.feedlink.platform.FeedlinkService;
import dev.feedlink.platform.kafka.EventSubscription;
import dev.feedlink.platform.kafka.NonRetryableEventException;
import dev.feedlink.events.ProviderCatalogued;
import dev.feedlink.schemas.Topics;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * A minimal service on the platform, for the platform's own tests: it applies ProviderCatalogued
 * events from the catalogue topic by recording them (and bumping a counter), refuses providers named
 * "poison", and fails providers named "flaky" until told otherwise.
 */
@SpringBootApplication
@FeedlinkService("platform-test")
public class PlatformTestApplication {

  public static final AtomicInteger FLAKY_FAILURES_LEFT = new AtomicInteger();

  @Bean
  EventSubscription recordCatalogue(DatabaseClient db) {
    return EventSubscription.perEvent(
        "record-catalogue",
        List.of(Topics.PROVIDER_CATALOG),
        envelope -> {
          ProviderCatalogued event = (ProviderCatalogued) envelope.event();
          if (event.getName().equals("poison")) {
            return Mono.error(new NonRetryableEventException("provider name 'poison' is refused"));
          }
          if (event.getName().equals("flaky") && FLAKY_FAILURES_LEFT.getAndDecrement() > 0) {
            return Mono.error(new IllegalStateException("flaky failure"));
          }
          return db.sql("INSERT INTO applied (event_id, topic, key) VALUES (:id, :topic, :key)")
              .bind("id", envelope.eventId())
              .bind("topic", envelope.topic())
              .bind("key", envelope.key())
              .then()
              .then(
                  db.sql(
                          "INSERT INTO counter (name, value) VALUES (:name, 1)"
                              + " ON CONFLICT (name) DO UPDATE SET value = counter.value + 1")
                      .bind("name", event.getProviderId())
                      .then());
        });
  }
}
