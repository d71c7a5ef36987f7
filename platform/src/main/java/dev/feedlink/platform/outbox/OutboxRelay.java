package dev.feedlink.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Sends outbox rows to Kafka in id order and deletes them once Kafka acknowledged them, all in one
 * database transaction. One relay per service schema works at a time (a transaction-scoped advisory
 * lock), which keeps the per-key order of events even with several instances running. A crash after
 * the send and before the commit sends the batch again: delivery is at least once, and consumers
 * drop duplicates by event id.
 */
public final class OutboxRelay implements SmartLifecycle {

  public static final String EVENT_ID_HEADER = "feedlink-event-id";
  public static final String EVENT_TYPE_HEADER = "feedlink-event-type";

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final KafkaTemplate<String, byte[]> kafka;
  private final OutboxProperties properties;
  private final Clock clock;
  private final Semaphore wake = new Semaphore(0);
  private final Counter relayed;
  private final Timer lag;
  private volatile Thread worker;
  private volatile boolean running;

  private record Row(long id, String topic, String key, String eventId, String type, byte[] payload, Instant createdAt) {}

  public OutboxRelay(
      DatabaseClient db,
      TransactionalOperator tx,
      KafkaTemplate<String, byte[]> kafka,
      OutboxProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.db = db;
    this.tx = tx;
    this.kafka = kafka;
    this.properties = properties;
    this.clock = clock;
    this.relayed = Counter.builder("feedlink.outbox.relayed").description("events sent to Kafka").register(meters);
    this.lag = Timer.builder("feedlink.outbox.lag").description("outbox row age when sent").register(meters);
  }

  /** Asks the relay to look for rows now (called when a transaction that published events commits). */
  public void wake() {
    if (wake.availablePermits() == 0) {
      wake.release();
    }
  }

  /**
   * Sends one batch; returns how many rows were sent (0 when there was nothing to send or another
   * instance holds the relay lock).
   */
  public Mono<Integer> relayOnce() {
    Mono<Integer> batch =
        db.sql("SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox-relay'))")
            .map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
            .one()
            .flatMap(locked -> locked ? sendBatch() : Mono.just(0));
    return tx.transactional(batch);
  }

  private Mono<Integer> sendBatch() {
    return db.sql(
            "SELECT id, topic, message_key, event_id, event_type, payload, created_at FROM outbox"
                + " ORDER BY id LIMIT :limit")
        .bind("limit", properties.batchSize())
        .map(
            row ->
                new Row(
                    row.get("id", Long.class),
                    row.get("topic", String.class),
                    row.get("message_key", String.class),
                    row.get("event_id", String.class),
                    row.get("event_type", String.class),
                    toBytes(row.get("payload")),
                    row.get("created_at", OffsetDateTime.class).toInstant()))
        .all()
        .collectList()
        .flatMap(rows -> rows.isEmpty() ? Mono.just(0) : send(rows));
  }

  private Mono<Integer> send(List<Row> rows) {
    // send() only appends to the producer's buffer, in order; the idempotent producer keeps that
    // order per partition through retries.
    List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
    for (Row row : rows) {
      ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
      record.headers().add(new RecordHeader(EVENT_ID_HEADER, row.eventId().getBytes(StandardCharsets.UTF_8)));
      record.headers().add(new RecordHeader(EVENT_TYPE_HEADER, row.type().getBytes(StandardCharsets.UTF_8)));
      acks.add(kafka.send(record));
    }
    Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
    return Mono.fromFuture(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)))
        .timeout(properties.sendTimeout())
        .then(db.sql("DELETE FROM outbox WHERE id = ANY(:ids)").bind("ids", ids).fetch().rowsUpdated())
        .doOnSuccess(
            deleted -> {
              relayed.increment(rows.size());
              Instant now = clock.instant();
              rows.forEach(r -> lag.record(Duration.between(r.createdAt(), now)));
            })
        .thenReturn(rows.size());
  }

  private static byte[] toBytes(Object value) {
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof java.nio.ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    }
    throw new IllegalStateException("unexpected payload type " + value);
  }

  private void loop() {
    while (running) {
      try {
        int sent = relayOnce().block(properties.sendTimeout().plusSeconds(10));
        if (sent == properties.batchSize()) {
          continue;
        }
        wake.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        wake.drainPermits();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        log.warn("outbox relay failed, retrying in {}: {}", properties.errorBackoff(), e.toString());
        try {
          Thread.sleep(properties.errorBackoff().toMillis());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Override
  public void start() {
    running = true;
    worker = new Thread(this::loop, "outbox-relay");
    worker.setDaemon(true);
    worker.start();
  }

  @Override
  public void stop() {
    running = false;
    Thread t = worker;
    if (t != null) {
      wake();
      try {
        t.join(properties.sendTimeout().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public boolean isAutoStartup() {
    return properties.relayEnabled();
  }

  @Override
  public int getPhase() {
    // Start after the database and Kafka clients, stop before them.
    return Integer.MAX_VALUE - 100;
  }
}
