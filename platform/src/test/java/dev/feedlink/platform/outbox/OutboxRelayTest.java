package dev.feedlink.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedlink.events.ProviderCatalogued;
import dev.feedlink.platform.testapp.Events;
import dev.feedlink.platform.testapp.PlatformTestApplication;
import dev.feedlink.schemas.Topics;
import dev.feedlink.testkit.IntegrationTest;
import dev.feedlink.testkit.TestInfrastructure;
import java.sql.Connection;
import dev.feedlink.testkit.TopicProbe;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The relay is driven by hand here (relay-enabled=false) so a test can fail it on purpose. */
@IntegrationTest(
    classes = PlatformTestApplication.class,
    properties = {"feedlink.outbox.relay-enabled=false", "feedlink.outbox.send-timeout=3s"})
class OutboxRelayTest {

  @Autowired Outbox outbox;
  @Autowired OutboxRelay relay;
  @Autowired DatabaseClient db;
  @Autowired TransactionalOperator tx;
  @Autowired OutboxProperties properties;
  @Autowired KafkaTemplate<String, byte[]> kafka;

  private final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeEach
  void emptyOutbox() {
    db.sql("DELETE FROM outbox").then().block();
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  private TopicProbe probe() {
    TopicProbe probe = new TopicProbe(Topics.PROVIDER_CATALOG);
    closing.add(probe);
    return probe;
  }

  private long outboxRows() {
    return db.sql("SELECT count(*) FROM outbox").map(r -> r.get(0, Long.class)).one().block();
  }

  private void publishCommitted(ProviderCatalogued... events) {
    Flux.fromArray(events)
        .concatMap(e -> outbox.publish(Topics.PROVIDER_CATALOG, e.getProviderId(), e))
        .then()
        .as(tx::transactional)
        .block();
  }

  @Test
  void aCrashBetweenCommitAndSendLosesNothing() {
    TopicProbe probe = probe();
    ProviderCatalogued event = Events.provider("crash-" + UUID.randomUUID(), "Crash Utility");
    publishCommitted(event);

    // The process that committed dies before its relay sends: a relay whose Kafka is unreachable
    // stands in for it. The batch fails and the row stays.
    KafkaTemplate<String, byte[]> unreachable =
        new KafkaTemplate<>(
            new DefaultKafkaProducerFactory<>(
                Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 500,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 500),
                new StringSerializer(),
                new ByteArraySerializer()));
    OutboxRelay dying = new OutboxRelay(db, tx, unreachable, properties, Clock.systemUTC(), new SimpleMeterRegistry());
    assertThatThrownBy(() -> dying.relayOnce().block(Duration.ofSeconds(10))).isNotNull();
    assertThat(outboxRows()).isEqualTo(1);

    // After the restart the relay sends it, exactly once.
    assertThat(relay.relayOnce().block()).isEqualTo(1);
    assertThat(outboxRows()).isZero();
    probe.await(ProviderCatalogued.class, e -> e.getEventId().equals(event.getEventId()), Duration.ofSeconds(20));
    assertThat(relay.relayOnce().block()).isZero();
    assertThat(probe.events(ProviderCatalogued.class).stream().filter(e -> e.getEventId().equals(event.getEventId())))
        .hasSize(1);
  }

  @Test
  void aRolledBackTransactionPublishesNothing() {
    ProviderCatalogued event = Events.provider("rollback", "Rolled Back");
    Mono<Void> failing =
        outbox.publish(Topics.PROVIDER_CATALOG, "rollback", event).then(Mono.error(new IllegalStateException("boom")));

    assertThatThrownBy(() -> failing.as(tx::transactional).block()).hasMessageContaining("boom");
    assertThat(outboxRows()).isZero();
  }

  @Test
  void eventsOfOneKeyArriveInTheOrderTheyWereWritten() {
    TopicProbe probe = probe();
    String key = "ordered-" + UUID.randomUUID();
    List<ProviderCatalogued> events = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      events.add(Events.provider(key, "n" + i));
    }
    // Several transactions, relayed over several batches.
    for (int from = 0; from < events.size(); from += 300) {
      publishCommitted(events.subList(from, from + 300).toArray(ProviderCatalogued[]::new));
    }
    int sent = 0;
    while (sent < events.size()) {
      sent += relay.relayOnce().block();
    }

    List<TopicProbe.Seen> seen =
        probe.awaitRecords(
            Topics.PROVIDER_CATALOG,
            records -> records.stream().filter(r -> key.equals(r.key())).count() == events.size(),
            Duration.ofSeconds(30));
    List<String> names =
        seen.stream().filter(r -> key.equals(r.key())).map(r -> ((ProviderCatalogued) r.event()).getName()).toList();
    assertThat(names).containsExactlyElementsOf(events.stream().map(ProviderCatalogued::getName).toList());
  }

  @Test
  void whileAnotherInstanceRelaysThisOneWaitsSoOrderHolds() throws Exception {
    publishCommitted(Events.provider("lock", "a"), Events.provider("lock", "b"));
    try (Connection other = TestInfrastructure.get().openJdbc()) {
      // Another instance's relay is in the middle of a batch: it holds the relay lock.
      other.setAutoCommit(false);
      other.createStatement().execute("SELECT pg_advisory_xact_lock(hashtext('platformtest.outbox-relay'))");

      assertThat(relay.relayOnce().block()).isZero();
      assertThat(outboxRows()).isEqualTo(2);

      other.commit();
    }
    assertThat(relay.relayOnce().block()).isEqualTo(2);
  }

  @Test
  void sequenceNumbersCountUpPerKeyWithoutGapsAndARollbackReturnsItsNumber() {
    String key = "seq-" + UUID.randomUUID();
    assertThat(outbox.nextSequence(key).as(tx::transactional).block()).isEqualTo(1);
    assertThat(outbox.nextSequence(key).as(tx::transactional).block()).isEqualTo(2);
    assertThatThrownBy(
            () -> outbox.nextSequence(key).then(Mono.error(new IllegalStateException("rolled back"))).as(tx::transactional).block())
        .hasMessageContaining("rolled back");
    assertThat(outbox.nextSequence(key).as(tx::transactional).block()).isEqualTo(3);
    assertThat(outbox.nextSequence("other-" + key).as(tx::transactional).block()).isEqualTo(1);
  }
}
