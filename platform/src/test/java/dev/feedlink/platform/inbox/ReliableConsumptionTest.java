package dev.feedlink.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.events.ProviderCatalogued;
import dev.feedlink.platform.kafka.EventListeners;
import dev.feedlink.platform.outbox.Outbox;
import dev.feedlink.platform.testapp.Events;
import dev.feedlink.platform.testapp.PlatformTestApplication;
import dev.feedlink.schemas.AvroEventSerializer;
import dev.feedlink.schemas.Topics;
import dev.feedlink.testkit.IntegrationTest;
import dev.feedlink.testkit.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Consumers apply each event once, dead-letter what they cannot apply, and carry on. */
@IntegrationTest(classes = PlatformTestApplication.class)
class ReliableConsumptionTest {

  @Autowired KafkaTemplate<String, byte[]> kafka;
  @Autowired Outbox outbox;
  @Autowired TransactionalOperator tx;
  @Autowired DatabaseClient db;
  @Autowired EventListeners listeners;

  @Value("${spring.kafka.bootstrap-servers}")
  String kafkaServers;

  private final AvroEventSerializer serializer = new AvroEventSerializer();

  private void send(String key, byte[] value) throws Exception {
    kafka.send(new ProducerRecord<>(Topics.PROVIDER_CATALOG, key, value)).get();
  }

  private Long counter(String name) {
    return db.sql("SELECT value FROM counter WHERE name = :name").bind("name", name).map(r -> r.get(0, Long.class)).one().block();
  }

  private long applied(String eventId) {
    return db.sql("SELECT count(*) FROM applied WHERE event_id = :id").bind("id", eventId).map(r -> r.get(0, Long.class)).one().block();
  }

  @Test
  void aRedeliveredEventChangesNothing() throws Exception {
    String provider = "redelivered-" + UUID.randomUUID();
    ProviderCatalogued event = Events.provider(provider, "Twice Utility");
    byte[] bytes = serializer.serialize(Topics.PROVIDER_CATALOG, event);
    ProviderCatalogued marker = Events.provider(provider, "After");

    send(provider, bytes);
    send(provider, bytes); // e.g. the relay re-sent after a crash before its commit
    send(provider, serializer.serialize(Topics.PROVIDER_CATALOG, marker));

    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> applied(marker.getEventId()) == 1);
    assertThat(applied(event.getEventId())).isEqualTo(1);
    assertThat(counter(provider)).isEqualTo(2);
  }

  @Test
  void anEventPublishedThroughTheOutboxIsAppliedByTheConsumer() {
    String provider = "outboxed-" + UUID.randomUUID();
    ProviderCatalogued event = Events.provider(provider, "Outboxed Utility");

    outbox.publish(Topics.PROVIDER_CATALOG, provider, event).as(tx::transactional).block();

    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> applied(event.getEventId()) == 1);
    assertThat(counter(provider)).isEqualTo(1);
  }

  @Test
  void anUnreadableMessageGoesToTheDeadLetterTopicNamingWhereItWasAndTheConsumerCarriesOn() throws Exception {
    try (TopicProbe dlt = new TopicProbe(Topics.deadLetterOf(Topics.PROVIDER_CATALOG))) {
      String key = "garbage-" + UUID.randomUUID();
      byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
      ProviderCatalogued after = Events.provider(key, "Comes After Garbage");

      send(key, garbage);
      send(key, serializer.serialize(Topics.PROVIDER_CATALOG, after));

      TopicProbe.Seen dead =
          dlt.awaitRecords(
                  Topics.deadLetterOf(Topics.PROVIDER_CATALOG),
                  records -> records.stream().anyMatch(r -> key.equals(r.key())),
                  Duration.ofSeconds(30))
              .stream()
              .filter(r -> key.equals(r.key()))
              .findFirst()
              .orElseThrow();
      assertThat(dead.value()).isEqualTo(garbage);
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> applied(after.getEventId()) == 1);
    }
  }

  @Test
  void theDeadLetterCopyCarriesTheOriginalTopicPartitionOffsetAndReason() throws Exception {
    String key = "headers-" + UUID.randomUUID();
    try (TopicProbe dlt = new TopicProbe(Topics.deadLetterOf(Topics.PROVIDER_CATALOG));
        var consumer = new HeaderReader(Topics.deadLetterOf(Topics.PROVIDER_CATALOG))) {
      send(key, new byte[] {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 9});
      var record = consumer.await(key, Duration.ofSeconds(30));
      assertThat(header(record.headers().lastHeader("kafka_dlt-original-topic"))).isEqualTo(Topics.PROVIDER_CATALOG);
      assertThat(record.headers().lastHeader("kafka_dlt-original-partition")).isNotNull();
      assertThat(record.headers().lastHeader("kafka_dlt-original-offset")).isNotNull();
      assertThat(header(record.headers().lastHeader("kafka_dlt-exception-message")))
          .contains("unreadable message on " + Topics.PROVIDER_CATALOG + " partition")
          .contains("offset")
          .contains("does not keep");
    }
  }

  @Test
  void anEventTheHandlerRefusesIsDeadLetteredAtOnce() throws Exception {
    String key = "poison-" + UUID.randomUUID();
    ProviderCatalogued poison = Events.provider(key, "poison");
    ProviderCatalogued after = Events.provider(key, "fine");
    try (var consumer = new HeaderReader(Topics.deadLetterOf(Topics.PROVIDER_CATALOG))) {
      send(key, serializer.serialize(Topics.PROVIDER_CATALOG, poison));
      send(key, serializer.serialize(Topics.PROVIDER_CATALOG, after));

      var record = consumer.await(key, Duration.ofSeconds(30));
      assertThat(header(record.headers().lastHeader("kafka_dlt-exception-message"))).contains("'poison' is refused");
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> applied(after.getEventId()) == 1);
      assertThat(applied(poison.getEventId())).isZero();
    }
  }

  @Test
  void aHandlerThatFailsForAWhileIsRetriedInPlaceAndAppliesOnce() throws Exception {
    String key = "flaky-" + UUID.randomUUID();
    ProviderCatalogued flaky = Events.provider(key, "flaky");
    PlatformTestApplication.FLAKY_FAILURES_LEFT.set(2);

    send(key, serializer.serialize(Topics.PROVIDER_CATALOG, flaky));

    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> applied(flaky.getEventId()) == 1);
    assertThat(PlatformTestApplication.FLAKY_FAILURES_LEFT.get()).isLessThan(0);
    assertThat(counter(key)).isEqualTo(1);
  }

  @Test
  void everyEventEndsUpCommittedThoughCommitsAreNotAwaited() throws Exception {
    String key = "committed-" + UUID.randomUUID();
    List<ProviderCatalogued> events = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      events.add(Events.provider(key + "-" + i, "Committed " + i));
    }
    for (ProviderCatalogued event : events) {
      send(event.getProviderId(), serializer.serialize(Topics.PROVIDER_CATALOG, event));
    }
    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> events.stream().allMatch(e -> applied(e.getEventId()) == 1));
    String group = listeners.containers().get(0).getGroupId();

    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaServers))) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin.describeTopics(List.of(Topics.PROVIDER_CATALOG)).allTopicNames().get().get(Topics.PROVIDER_CATALOG)
          .partitions().forEach(p -> latest.put(new TopicPartition(Topics.PROVIDER_CATALOG, p.partition()), OffsetSpec.latest()));
      Map<TopicPartition, Long> ends = new HashMap<>();
      admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));

      // A consumer starting now (a restart, a rebalance) is given nothing already applied. Other
      // members of the group (another test context) may still be draining: they commit too.
      Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        ends.forEach((tp, end) -> {
          if (end > 0) {
            assertThat(committed.get(tp)).as("commit of %s", tp).isNotNull();
            assertThat(committed.get(tp).offset()).as("committed offset of %s", tp).isGreaterThanOrEqualTo(end);
          }
        });
      });
    }
  }

  private static String header(Header header) {
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
