package dev.feedlink.webhook.message;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import reactor.core.publisher.Mono;

/** What an app can see of its webhooks, and the replays it can ask for. Scoped to one app. */
public interface MessageLog {

  record Delivery(
      long deliveryId, UUID endpointId, String state, Long sequence, int attempts, Instant nextAttemptAt,
      Instant lastAttemptAt, Integer lastStatusCode, String lastError, String failureReason, Instant finishedAt) {}

  record Message(
      long key, String messageId, String eventType, String connectionId, Instant createdAt, String payload,
      List<Delivery> deliveries) {}

  record Attempt(
      long attemptId, UUID endpointId, Instant attemptedAt, String outcome, Integer statusCode, long latencyMs,
      String responseExcerpt, String error, String trigger, Instant nextAttemptAt) {}

  record DeadLetter(
      long key, String messageId, String eventType, String connectionId, Instant createdAt, Delivery delivery) {}

  /**
   * @param state pending, delivered or failed: messages with a delivery in that state
   * @param before a key from a previous page
   */
  record Filter(String eventType, String connectionId, Instant since, String state, Long before, int limit) {}

  /** Newest first. */
  Mono<List<Message>> messages(String appId, Filter filter);

  Mono<Optional<Message>> message(String appId, String messageId);

  Mono<List<Attempt>> attempts(String appId, String messageId);

  /** Failed deliveries of the app, newest first. */
  Mono<List<DeadLetter>> deadLetters(String appId, UUID endpointId, Long before, int limit);

  /**
   * Sends the message again to its enabled endpoints (or the one named) under the same
   * webhook-id; emits how many deliveries were restarted.
   */
  Mono<Integer> replay(String appId, String messageId, UUID endpointId, Instant now);

  /** Restarts every delivery that failed since {@code since} on enabled endpoints. */
  Mono<Integer> replayFailed(String appId, Instant since, UUID endpointId, Instant now);
}
