package dev.feedlink.platform.kafka;

import dev.feedlink.platform.inbox.IdempotentConsumer;
import dev.feedlink.schemas.UnreadableEventException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;

/**
 * Runs one listener container per {@link EventSubscription}: decodes each record, applies it
 * (exactly once per event id for per-event subscriptions), and leaves unreadable records and
 * exhausted retries to the error handler, which sends them to the dead-letter topic.
 */
public final class EventListeners implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(EventListeners.class);

  private static final Duration HANDLER_TIMEOUT = Duration.ofMinutes(2);

  private final List<EventSubscription> subscriptions;
  private final ConsumerFactory<String, byte[]> consumers;
  private final String groupPrefix;
  private final Deserializer<SpecificRecord> deserializer;
  private final IdempotentConsumer idempotent;
  private final CommonErrorHandler errorHandler;
  private final KafkaEventProperties properties;
  private final List<ConcurrentMessageListenerContainer<String, byte[]>> containers = new ArrayList<>();
  private volatile boolean running;

  public EventListeners(
      List<EventSubscription> subscriptions,
      ConsumerFactory<String, byte[]> consumers,
      String groupPrefix,
      Deserializer<SpecificRecord> deserializer,
      IdempotentConsumer idempotent,
      CommonErrorHandler errorHandler,
      KafkaEventProperties properties) {
    this.subscriptions = subscriptions;
    this.consumers = consumers;
    this.groupPrefix = groupPrefix;
    this.deserializer = deserializer;
    this.idempotent = idempotent;
    this.errorHandler = errorHandler;
    this.properties = properties;
  }

  /** Decodes a record; an unreadable one names its topic, partition and offset. */
  public EventEnvelope decode(ConsumerRecord<String, byte[]> record) {
    String where = record.topic() + " partition " + record.partition() + " offset " + record.offset();
    SpecificRecord event;
    try {
      event = deserializer.deserialize(record.topic(), record.headers(), record.value());
    } catch (SerializationException e) {
      throw new UnreadableEventException("unreadable message on " + where + ": " + e.getMessage(), e);
    }
    if (event == null) {
      return null;
    }
    return new EventEnvelope(record.topic(), record.partition(), record.offset(), record.key(), event);
  }

  private ContainerProperties containerProperties(EventSubscription subscription) {
    ContainerProperties props = new ContainerProperties(subscription.topics().toArray(String[]::new));
    props.setGroupId(groupPrefix + "." + subscription.name());
    props.setPollTimeout(properties.pollTimeout().toMillis());
    props.setAckMode(ContainerProperties.AckMode.BATCH);
    // Waiting for each commit cost every poll a round trip to the group coordinator (which lingers
    // 5 ms to batch its own writes), and the events behind it waited too. Every handler applies an
    // event once however often it comes, so a commit lost to a crash or a rebalance costs only a
    // redelivery; the consumer still completes pending commits when it closes. Dead-lettered
    // events, which were not applied, have their commit awaited (DeadLetters).
    props.setSyncCommits(properties.syncCommits());
    props.setCommitCallback((offsets, e) -> {
      if (e != null) {
        log.warn("offset commit for {} failed; its events are delivered again and applied once: {}",
            offsets.keySet(), e.toString());
      }
    });
    String consumer = subscription.name();
    if (subscription.isBatch()) {
      props.setMessageListener((BatchMessageListener<String, byte[]>) records -> onBatch(subscription, records));
    } else {
      props.setMessageListener(
          (MessageListener<String, byte[]>)
              record -> {
                EventEnvelope envelope = decode(record);
                if (envelope != null) {
                  idempotent
                      .applyOnce(consumer, envelope.eventId(), () -> subscription.perEvent().handle(envelope))
                      .block(HANDLER_TIMEOUT);
                }
              });
    }
    return props;
  }

  private void onBatch(EventSubscription subscription, List<ConsumerRecord<String, byte[]>> records) {
    List<EventEnvelope> readable = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      try {
        EventEnvelope envelope = decode(records.get(i));
        if (envelope != null) {
          readable.add(envelope);
        }
      } catch (UnreadableEventException e) {
        // Apply what came before the bad record, then let the error handler commit up to it,
        // dead-letter it, and redeliver the rest.
        if (!readable.isEmpty()) {
          subscription.batch().handle(readable).block(HANDLER_TIMEOUT);
        }
        throw new BatchListenerFailedException(e.getMessage(), e, i);
      }
    }
    if (!readable.isEmpty()) {
      subscription.batch().handle(readable).block(HANDLER_TIMEOUT);
    }
  }

  @Override
  public synchronized void start() {
    for (EventSubscription subscription : subscriptions) {
      ConcurrentMessageListenerContainer<String, byte[]> container =
          new ConcurrentMessageListenerContainer<>(consumers, containerProperties(subscription));
      container.setConcurrency(subscription.concurrency());
      container.setCommonErrorHandler(errorHandler);
      container.setBeanName(groupPrefix + "." + subscription.name());
      container.start();
      containers.add(container);
    }
    running = true;
  }

  @Override
  public synchronized void stop() {
    containers.forEach(ConcurrentMessageListenerContainer::stop);
    containers.clear();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // After the outbox relay has started, before it stops.
    return Integer.MAX_VALUE - 50;
  }

  /** The running containers (for health and tests). */
  public List<ConcurrentMessageListenerContainer<String, byte[]>> containers() {
    return List.copyOf(containers);
  }
}
