package dev.feedlink.pipeline.provider;

import dev.feedlink.events.ProviderCatalogued;
import dev.feedlink.pipeline.provider.domain.DataType;
import dev.feedlink.pipeline.provider.domain.ProviderDescriptor;
import dev.feedlink.platform.outbox.Outbox;
import dev.feedlink.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;

/**
 * Announces, at every start, the providers this pipeline can connect to, on the compacted catalogue
 * topic keyed by provider id (the latest description of each is what stays).
 */
final class ProviderCatalogPublisher implements ApplicationRunner {

  private final Connectors connectors;
  private final Outbox outbox;
  private final TransactionalOperator tx;
  private final Clock clock;

  ProviderCatalogPublisher(Connectors connectors, Outbox outbox, TransactionalOperator tx, Clock clock) {
    this.connectors = connectors;
    this.outbox = outbox;
    this.tx = tx;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) {
    tx.transactional(Flux.fromIterable(connectors.providers()).concatMap(p -> outbox.publish(Topics.PROVIDER_CATALOG, p.id().toString(), event(p))).then())
        .block(Duration.ofSeconds(30));
  }

  private ProviderCatalogued event(ProviderDescriptor p) {
    return ProviderCatalogued.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(clock.instant())
        .setProviderId(p.id().toString())
        .setName(p.name())
        .setKind(p.kind())
        .setCountry(p.country())
        .setDataTypes(p.dataTypes().stream().map(DataType::wireName).toList())
        .setLoginMethod("credentials")
        .build();
  }
}
