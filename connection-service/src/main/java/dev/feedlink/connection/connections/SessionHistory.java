package dev.feedlink.connection.connections;

import dev.feedlink.connection.connections.domain.SessionKind;
import dev.feedlink.connection.connections.domain.Transition;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Every session of a connection and every transition the pipeline reported for it. */
public interface SessionHistory {

  /** A transition as kept. */
  record Step(
      long sequence,
      int code,
      String name,
      Instant occurredAt,
      String substage,
      String promptType,
      String failureReason,
      String failureMessage,
      Boolean retryable) {}

  /** What a session's data step came to (DataAvailable, NoNewData, ReconnectionFailed). */
  record Outcome(String type, Instant at, String dataType, Long newRecords, Integer code, String message) {}

  record Session(
      UUID sessionId, String kind, Instant requestedAt, Instant firstSeenAt, List<Outcome> outcomes, List<Step> steps) {}

  Mono<Void> requested(UUID sessionId, UUID connectionId, SessionKind kind, Instant at);

  /** Records a transition once (a redelivered one is dropped by its sequence). */
  Mono<Void> record(UUID connectionId, Transition transition);

  Mono<Void> outcome(UUID sessionId, UUID connectionId, SessionKind kind, Outcome outcome);

  /** The connection's sessions, oldest first, with their transitions in sequence order. */
  Flux<Session> sessions(UUID connectionId);
}
