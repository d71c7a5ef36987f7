package dev.feedlink.platform;

import dev.feedlink.platform.crypto.CryptoProperties;
import dev.feedlink.platform.crypto.SecretCipher;
import dev.feedlink.platform.db.PlatformMigrations;
import dev.feedlink.platform.inbox.IdempotentConsumer;
import dev.feedlink.platform.inbox.ProcessedEvents;
import dev.feedlink.platform.kafka.DeadLetters;
import dev.feedlink.platform.kafka.EventListeners;
import dev.feedlink.platform.kafka.EventSubscription;
import dev.feedlink.platform.kafka.KafkaEventProperties;
import dev.feedlink.platform.kafka.KafkaHealthIndicator;
import dev.feedlink.platform.outbox.Outbox;
import dev.feedlink.platform.outbox.OutboxProperties;
import dev.feedlink.platform.outbox.OutboxRelay;
import dev.feedlink.platform.outbox.R2dbcOutbox;
import dev.feedlink.platform.time.AdjustableClock;
import dev.feedlink.platform.web.InternalCallerFilter;
import dev.feedlink.platform.web.ProblemResponses;
import dev.feedlink.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every service gets by depending on the platform: the outbox and its relay, the idempotent
 * consumer, listener containers for its {@link EventSubscription} beans with dead-lettering, the
 * event topics, Kafka health, the secret cipher, problem-details errors and one injectable clock.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
      "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration"
    },
    beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties({
  KafkaProperties.class,
  PlatformProperties.class,
  OutboxProperties.class,
  KafkaEventProperties.class,
  CryptoProperties.class
})
public class PlatformAutoConfiguration {

  /**
   * The one clock every service reads time from. In development mode (local stack, tests) it is an
   * {@link AdjustableClock}, so a demo or a test moves days of schedules forward without sleeping.
   */
  @Bean
  @ConditionalOnMissingBean
  Clock clock(PlatformProperties platform) {
    return platform.developmentMode() ? new AdjustableClock() : Clock.systemUTC();
  }

  @Bean
  @ConditionalOnMissingBean
  TransactionalOperator transactionalOperator(ReactiveTransactionManager transactions) {
    return TransactionalOperator.create(transactions);
  }

  /**
   * Made when a service first needs it, so a service that seals nothing (stream-scheduler) needs no
   * keys, while one that does still refuses to start without them.
   */
  @Bean
  @Lazy
  @ConditionalOnMissingBean
  SecretCipher secretCipher(CryptoProperties crypto, PlatformProperties platform) {
    return crypto.cipher(platform.developmentMode());
  }

  @Bean
  FlywayMigrationStrategy platformMigrations() {
    return new PlatformMigrations();
  }

  // --- Kafka -----------------------------------------------------------------------------------

  @Bean
  Serializer<SpecificRecord> eventSerializer(KafkaEventProperties kafka) {
    return instantiate(kafka.valueSerializer(), Serializer.class);
  }

  @Bean
  Deserializer<SpecificRecord> eventDeserializer(KafkaEventProperties kafka) {
    return instantiate(kafka.valueDeserializer(), Deserializer.class);
  }

  @Bean
  ProducerFactory<String, byte[]> kafkaProducerFactory(KafkaProperties properties) {
    Map<String, Object> config = new HashMap<>(properties.buildProducerProperties());
    config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    // A broker that is down must fail the relay's batch in seconds, not the default two minutes.
    config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    return new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  @Bean
  KafkaTemplate<String, byte[]> kafkaTemplate(ProducerFactory<String, byte[]> producers) {
    return new KafkaTemplate<>(producers);
  }

  @Bean
  ConsumerFactory<String, byte[]> kafkaConsumerFactory(KafkaProperties properties) {
    Map<String, Object> config = new HashMap<>(properties.buildConsumerProperties());
    config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }

  @Bean
  KafkaAdmin.NewTopics eventTopics(KafkaEventProperties kafka) {
    List<NewTopic> topics = new ArrayList<>();
    for (String topic : Topics.ALL) {
      TopicBuilder builder = TopicBuilder.name(topic).partitions(kafka.partitions()).replicas(kafka.replicationFactor());
      if (topic.equals(Topics.PROVIDER_CATALOG)) {
        builder.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
      }
      topics.add(builder.build());
      topics.add(
          TopicBuilder.name(Topics.deadLetterOf(topic)).partitions(kafka.partitions()).replicas(kafka.replicationFactor()).build());
    }
    return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
  }

  @Bean
  CommonErrorHandler eventErrorHandler(
      KafkaTemplate<String, byte[]> kafkaTemplate, KafkaEventProperties kafka, MeterRegistry meters) {
    return DeadLetters.errorHandler(kafkaTemplate, kafka, meters);
  }

  @Bean
  EventListeners eventListeners(
      ObjectProvider<EventSubscription> subscriptions,
      ConsumerFactory<String, byte[]> consumers,
      Environment environment,
      Deserializer<SpecificRecord> eventDeserializer,
      IdempotentConsumer idempotent,
      CommonErrorHandler eventErrorHandler,
      KafkaEventProperties kafka) {
    String group = environment.getProperty("spring.application.name", "feedlink");
    return new EventListeners(
        subscriptions.orderedStream().toList(), consumers, group, eventDeserializer, idempotent, eventErrorHandler, kafka);
  }

  @Bean("kafkaHealthIndicator")
  KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties properties) {
    return new KafkaHealthIndicator(properties.buildAdminProperties());
  }

  // --- outbox and inbox ------------------------------------------------------------------------

  @Bean
  OutboxRelay outboxRelay(
      DatabaseClient db,
      TransactionalOperator tx,
      KafkaTemplate<String, byte[]> kafkaTemplate,
      OutboxProperties outbox,
      Clock clock,
      MeterRegistry meters) {
    return new OutboxRelay(db, tx, kafkaTemplate, outbox, clock, meters);
  }

  @Bean
  Outbox outbox(DatabaseClient db, Serializer<SpecificRecord> eventSerializer, OutboxRelay relay) {
    return new R2dbcOutbox(db, eventSerializer, relay::wake);
  }

  @Bean
  ProcessedEvents processedEvents(DatabaseClient db) {
    return new ProcessedEvents(db);
  }

  @Bean
  IdempotentConsumer idempotentConsumer(ProcessedEvents processed, TransactionalOperator tx) {
    return new IdempotentConsumer(processed, tx);
  }

  // --- web -------------------------------------------------------------------------------------

  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
  ProblemResponses problemResponses(ObjectProvider<JsonMapper> json) {
    return new ProblemResponses(json.getIfAvailable(() -> JsonMapper.builder().build()));
  }

  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
  @ConditionalOnBooleanProperty(name = "feedlink.require-internal-token", matchIfMissing = true)
  InternalCallerFilter internalCallerFilter(PlatformProperties platform) {
    return new InternalCallerFilter(platform.requiredInternalToken());
  }

  @SuppressWarnings("unchecked")
  private static <T> T instantiate(String className, Class<?> type) {
    try {
      Class<?> cls = ClassUtils.forName(className, PlatformAutoConfiguration.class.getClassLoader());
      if (!type.isAssignableFrom(cls)) {
        throw new IllegalStateException(className + " is not a " + type.getName());
      }
      return (T) cls.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create " + className, e);
    }
  }
}
