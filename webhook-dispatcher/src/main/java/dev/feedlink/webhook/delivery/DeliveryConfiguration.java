package dev.feedlink.webhook.delivery;

import dev.feedlink.webhook.WebhookProperties;
import dev.feedlink.webhook.delivery.domain.DeliveryPolicy;
import dev.feedlink.webhook.delivery.domain.FailingEndpoints;
import dev.feedlink.webhook.delivery.domain.RetrySchedule;
import dev.feedlink.webhook.endpoint.EndpointSecrets;
import dev.feedlink.webhook.endpoint.Endpoints;
import dev.feedlink.webhook.endpoint.domain.TargetAddresses;
import dev.feedlink.webhook.message.MessageIngest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

  @Bean
  DeliverySignal deliverySignal() {
    return new DeliverySignal();
  }

  @Bean
  Deliveries deliveries(DatabaseClient db) {
    return new R2dbcDeliveries(db);
  }

  @Bean(destroyMethod = "close")
  WebhookHttpClient webhookHttpClient(TargetAddresses addresses, WebhookProperties properties, Clock clock) {
    return new WebhookHttpClient(
        addresses, properties.connectTimeout(), properties.requestTimeout(),
        (int) properties.responseBodyLimit().toBytes(), clock);
  }

  @Bean
  DeliveryPolicy deliveryPolicy(WebhookProperties properties) {
    return new DeliveryPolicy(new RetrySchedule(properties.retrySchedule(), properties.jitter(), properties.retryAfterMax()));
  }

  @Bean
  Dispatcher dispatcher(
      Deliveries deliveries,
      WebhookHttpClient http,
      Endpoints endpoints,
      EndpointSecrets secrets,
      DeliveryPolicy policy,
      MessageIngest ingest,
      TransactionalOperator tx,
      WebhookProperties properties,
      Clock clock,
      MeterRegistry meters,
      DeliverySignal signal) {
    AtomicReference<Dispatcher> self = new AtomicReference<>();
    DeliveryMetrics metrics = new DeliveryMetrics(meters, () -> self.get() == null ? 0 : self.get().held());
    EndpointDisabling disabling = new EndpointDisabling(endpoints, ingest, tx, clock, metrics, signal);
    Dispatcher dispatcher = new Dispatcher(
        deliveries, http, new SigningKeys(endpoints, secrets), policy, new FailingEndpoints(properties.disableAfter()),
        disabling, properties, clock, metrics, signal);
    self.set(dispatcher);
    return dispatcher;
  }
}
