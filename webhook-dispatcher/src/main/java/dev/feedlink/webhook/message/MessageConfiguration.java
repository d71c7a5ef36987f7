package dev.feedlink.webhook.message;

import dev.feedlink.platform.kafka.EventSubscription;
import dev.feedlink.schemas.Topics;
import dev.feedlink.webhook.WebhookProperties;
import dev.feedlink.webhook.delivery.DeliverySignal;
import dev.feedlink.webhook.endpoint.Endpoints;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

@Configuration(proxyBeanMethods = false)
class MessageConfiguration {

  @Bean
  MessageStore messageStore(DatabaseClient db) {
    return new R2dbcMessageStore(db);
  }

  @Bean
  MessageIngest messageIngest(
      Endpoints endpoints, MessageStore store, Clock clock, DeliverySignal signal,
      ObjectProvider<DeliveryPrefetch> prefetch) {
    return new MessageIngest(endpoints, store, clock, signal::signal,
        () -> prefetch.getIfAvailable(() -> DeliveryPrefetch.NONE));
  }

  @Bean
  MessageLog messageLog(DatabaseClient db, DeliverySignal signal) {
    return new R2dbcMessageLog(db, signal::signal);
  }

  @Bean
  EventMessages eventMessages(Clock clock, WebhookProperties properties) {
    return new EventMessages(clock, properties.inlineMaxBytes().toBytes(), properties.publicBaseUrl());
  }

  @Bean
  RetentionSweep retentionSweep(DatabaseClient db, Clock clock, WebhookProperties properties) {
    return new RetentionSweep(db, clock, properties.retention());
  }

  /**
   * One consumer group for the three topics webhooks are made from, with several consumer threads
   * so that one batch's transaction does not hold up the next partition's events.
   */
  @Bean
  EventSubscription webhookEvents(EventMessages messages, MessageIngest ingest, WebhookProperties properties) {
    return EventSubscription.batch(
            "events", List.of(Topics.CONNECTION_EVENTS, Topics.DATA_OUTCOMES, Topics.STREAM_EVENTS),
            new EventIngestion(messages, ingest))
        .withConcurrency(properties.consumers());
  }
}
