package dev.feedlink.webhook.message;

import dev.feedlink.platform.kafka.BatchEventHandler;
import dev.feedlink.platform.kafka.EventEnvelope;
import dev.feedlink.webhook.message.domain.NewMessage;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import reactor.core.publisher.Mono;

/**
 * Consumes a poll of status, data and Stream events at once: turns them into messages and stores
 * them with their deliveries in one statement, idempotently (an event seen before adds nothing).
 * An event that cannot become a webhook goes to the dead-letter topic after the ones before it are
 * stored; the ones after it are redelivered.
 */
final class EventIngestion implements BatchEventHandler {

  private static final Logger log = LoggerFactory.getLogger(EventIngestion.class);

  private final EventMessages messages;
  private final MessageIngest ingest;

  EventIngestion(EventMessages messages, MessageIngest ingest) {
    this.messages = messages;
    this.ingest = ingest;
  }

  @Override
  public Mono<Void> handle(List<EventEnvelope> batch) {
    List<NewMessage> made = new ArrayList<>(batch.size());
    for (EventEnvelope envelope : batch) {
      try {
        made.addAll(messages.of(envelope.event()));
      } catch (RuntimeException e) {
        // The error handler finds the failed record by topic, partition and offset.
        ConsumerRecord<String, byte[]> failed =
            new ConsumerRecord<>(envelope.topic(), envelope.partition(), envelope.offset(), envelope.key(), null);
        return ingest.ingest(made)
            .then(Mono.error(new BatchListenerFailedException(envelope.where() + ": " + e.getMessage(), e, failed)));
      }
    }
    long started = System.nanoTime();
    return ingest.ingest(made)
        .doOnNext(created -> {
          if (log.isDebugEnabled()) {
            log.debug("ingested {} events as {} messages, {} deliveries, in {} ms", batch.size(), made.size(), created,
                (System.nanoTime() - started) / 1_000_000);
          }
        })
        .then();
  }
}
