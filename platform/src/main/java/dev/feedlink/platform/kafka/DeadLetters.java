package dev.feedlink.platform.kafka;

import dev.feedlink.schemas.Topics;
import dev.feedlink.schemas.UnreadableEventException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What happens to a record that cannot be applied: unreadable or invalid records go to
 * {@code <topic>.DLT} at once; records whose handler fails are retried with exponential backoff
 * (the partition waits, so order holds) and go to the dead-letter topic when retries run out. The
 * dead-letter copy keeps the original bytes and Spring Kafka's headers naming the original topic,
 * partition, offset and exception, so nothing accepted is lost and it can be replayed.
 */
public final class DeadLetters {

  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

  private DeadLetters() {}

  public static CommonErrorHandler errorHandler(
      KafkaTemplate<String, byte[]> template, KafkaEventProperties properties, MeterRegistry meters) {
    DeadLetterPublishingRecoverer publisher =
        new DeadLetterPublishingRecoverer(
            template, (record, e) -> new TopicPartition(Topics.deadLetterOf(record.topic()), -1));
    ConsumerAwareRecordRecoverer recoverer =
        (record, consumer, e) -> {
          Throwable cause = rootCause(e);
          log.error(
              "event on {} partition {} offset {} sent to {}: {}",
              record.topic(),
              record.partition(),
              record.offset(),
              Topics.deadLetterOf(record.topic()),
              cause.getMessage());
          meters.counter("feedlink.kafka.dead_lettered", "topic", record.topic()).increment();
          publisher.accept(record, consumer, e);
          commitPast(record, consumer);
        };
    ExponentialBackOff backOff = new ExponentialBackOff(properties.retryInitial().toMillis(), 2.0);
    backOff.setMaxInterval(properties.retryMax().toMillis());
    backOff.setMaxElapsedTime(properties.retryMaxElapsed().toMillis());
    DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
    handler.addNotRetryableExceptions(UnreadableEventException.class, NonRetryableEventException.class);
    handler.setLogLevel(org.springframework.kafka.KafkaException.Level.WARN);
    return handler;
  }

  /**
   * Offsets are otherwise committed without waiting (see {@link KafkaEventProperties#syncCommits()}),
   * which is safe for applied events: a redelivery changes nothing. A dead-lettered event was not
   * applied, so a redelivery would dead-letter it again or, its cause gone, apply it after later
   * events of its key. Its offset is therefore committed at once and awaited (an error path, rare).
   */
  private static void commitPast(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer) {
    if (consumer == null) {
      return;
    }
    try {
      consumer.commitSync(
          Map.of(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1)));
    } catch (KafkaException e) {
      log.warn(
          "offset past dead-lettered event on {} partition {} offset {} not committed; it may be dead-lettered again: {}",
          record.topic(), record.partition(), record.offset(), e.toString());
    }
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      if (cause instanceof UnreadableEventException || cause instanceof NonRetryableEventException) {
        return cause;
      }
      cause = cause.getCause();
    }
    return cause;
  }
}
