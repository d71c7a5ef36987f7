package dev.feedlink.webhook.message;

import dev.feedlink.platform.kafka.BatchEventHandler;
import dev.feedlink.platform.kafka.EventEnvelope;
import dev.feedlink.webhook.message.domain.NewMessage;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;
import reactor.core.publisher.Mono;

/**
 * Consumes a poll of status, data and Stream events at once: turns them into messages and stores
 * them with their deliveries in one transaction, idempotently (an event seen before adds nothing).
 * An event that cannot become a webhook goes to the dead-letter topic after the ones before it are
 * stored; the ones after it are redelivered.
 */
final class EventIngestion implements BatchEventHandler {

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
    return ingest.ingest(made).then();
  }
}
