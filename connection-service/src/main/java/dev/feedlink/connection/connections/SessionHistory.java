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

  /**
   * What a session's data step came to (DataAvailable, NoNewData, ReconnectionFailed).
   *
   * @param overlappingRecords a Rewind's records that had been delivered before (null for other kinds)
   */
  record Outcome(
      String type, Instant at, String dataType, Long newRecords, Long overlappingRecords, Integer code, String message) {}

  /** @param rewindFrom with {@code rewindTo}, the window the app asked the session to fetch (a Rewind, or a first connection given one; null otherwise) */
  record Session(
      UUID sessionId,
      String kind,
      Instant requestedAt,
      Instant firstSeenAt,
      Instant rewindFrom,
      Instant rewindTo,
      List<Outcome> outcomes,
      List<Step> steps) {}

  /** A session this service asked for, with the window it fetches when it was given one. */
  Mono<Void> requested(UUID sessionId, UUID connectionId, SessionKind kind, Instant at, Instant rewindFrom, Instant rewindTo);

  default Mono<Void> requested(UUID sessionId, UUID connectionId, SessionKind kind, Instant at) {
    return requested(sessionId, connectionId, kind, at, null, null);
  }

  /**
   * The connection's sessions whose latest transition does not end them: running now, or stalled
   * until the pipeline's watchdog ends them.
   */
  Flux<UUID> unfinished(UUID connectionId);

  /** Records a transition once (a redelivered one is dropped by its sequence). */
  Mono<Void> record(UUID connectionId, Transition transition);

  Mono<Void> outcome(UUID sessionId, UUID connectionId, SessionKind kind, Outcome outcome);

  /** The connection's sessions, oldest first, with their transitions in sequence order. */
  Flux<Session> sessions(UUID connectionId);
}
