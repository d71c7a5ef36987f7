package dev.feedlink.connection.connections.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One seed-002 transition of one session, as the pipeline reported it.
 *
 * @param sequence the pipeline's per-connection counter: higher is newer
 * @param dataFound from Structured (15) on: whether the session found any data
 * @param newRecords records never delivered before (at Synced and on errors)
 * @param scopes granted scopes, with Authorized (9)
 */
public record Transition(
    UUID sessionId,
    SessionKind kind,
    long sequence,
    int code,
    String name,
    Instant occurredAt,
    String substage,
    Prompt prompt,
    Failure failure,
    List<Extraction> extraction,
    Boolean dataFound,
    long newRecords,
    List<String> scopes) {

  public Transition {
    extraction = extraction == null ? List.of() : List.copyOf(extraction);
  }

  public FailureReason failureReason() {
    return failure == null ? FailureReason.UNKNOWN : failure.reason();
  }
}
