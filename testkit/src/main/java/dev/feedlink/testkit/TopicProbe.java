package dev.feedlink.testkit;

import dev.feedlink.schemas.AvroEventDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * Reads topics from the beginning on a thread of its own and keeps what it saw, so a test can wait
 * for an event to appear (a condition, not a sleep).
 */
public final class TopicProbe implements AutoCloseable {

  /** One record as seen on the topic. */
  public record Seen(String topic, int partition, long offset, String key, byte[] value, SpecificRecord event) {}

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final Thread poller;
  private volatile boolean running = true;

  public TopicProbe(String... topics) {
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(List.of(topics));
    AvroEventDeserializer deserializer = new AvroEventDeserializer();
    this.poller =
        new Thread(
            () -> {
              while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                  SpecificRecord event;
                  try {
                    event = r.value() == null ? null : deserializer.deserialize(r.topic(), r.value());
                  } catch (RuntimeException e) {
                    event = null;
                  }
                  seen.add(new Seen(r.topic(), r.partition(), r.offset(), r.key(), r.value(), event));
                }
              }
              consumer.close();
            },
            "topic-probe");
    poller.setDaemon(true);
    poller.start();
  }

  public List<Seen> seen() {
    return new ArrayList<>(seen);
  }

  /** Every event of a type seen so far, in arrival order. */
  public <T extends SpecificRecord> List<T> events(Class<T> type) {
    return seen.stream().map(Seen::event).filter(type::isInstance).map(type::cast).toList();
  }

  /** Waits until an event of the type matching the condition arrives, and returns it. */
  public <T extends SpecificRecord> T await(Class<T> type, Predicate<T> condition, Duration timeout) {
    return Awaitility.await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> events(type).stream().filter(condition).findFirst(), java.util.Optional::isPresent)
        .orElseThrow();
  }

  /** Waits until the raw records on a topic satisfy the condition. */
  public List<Seen> awaitRecords(String topic, Predicate<List<Seen>> condition, Duration timeout) {
    return Awaitility.await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> seen.stream().filter(s -> s.topic().equals(topic)).toList(), condition);
  }

  @Override
  public void close() {
    running = false;
    try {
      poller.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
