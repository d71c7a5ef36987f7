package dev.feedlink.connection.connections;

import static dev.feedlink.connection.connections.R2dbcConnections.time;

import dev.feedlink.connection.connections.domain.SessionKind;
import dev.feedlink.connection.connections.domain.StatusMapping;
import dev.feedlink.connection.connections.domain.Transition;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

final class R2dbcSessionHistory implements SessionHistory {

  private static final TypeReference<List<Outcome>> OUTCOMES = new TypeReference<>() {};

  private final DatabaseClient db;
  private final JsonMapper json;

  R2dbcSessionHistory(DatabaseClient db, JsonMapper json) {
    this.db = db;
    this.json = json;
  }

  @Override
  public Mono<Void> requested(
      UUID sessionId, UUID connectionId, SessionKind kind, Instant at, Instant rewindFrom, Instant rewindTo) {
    return insert(sessionId, connectionId, kind, at, at, rewindFrom, rewindTo);
  }

  private Mono<Void> seen(UUID sessionId, UUID connectionId, SessionKind kind, Instant at) {
    return insert(sessionId, connectionId, kind, null, at, null, null);
  }

  /** The first word about a session wins; later ones find it there. */
  private Mono<Void> insert(
      UUID sessionId, UUID connectionId, SessionKind kind, Instant requestedAt, Instant at, Instant rewindFrom, Instant rewindTo) {
    return db.sql(
            "INSERT INTO session (session_id, connection_id, kind, requested_at, first_seen_at, rewind_from, rewind_to)"
                + " VALUES (:id, :connection, :kind, :requested, :at, :from, :to) ON CONFLICT (session_id) DO NOTHING")
        .bind("id", sessionId)
        .bind("connection", connectionId)
        .bind("kind", kind.name())
        .bind("requested", Parameter.fromOrEmpty(time(requestedAt), OffsetDateTime.class))
        .bind("at", time(at))
        .bind("from", Parameter.fromOrEmpty(time(rewindFrom), OffsetDateTime.class))
        .bind("to", Parameter.fromOrEmpty(time(rewindTo), OffsetDateTime.class))
        .then();
  }

  @Override
  public Flux<UUID> unfinished(UUID connectionId) {
    return db.sql(
            // One index lookup per session for its latest transition, rather than reading every
            // transition of the connection's history (a daily refresh adds a dozen a day).
            "SELECT s.session_id, last.code FROM session s CROSS JOIN LATERAL"
                + " (SELECT t.code FROM session_transition t WHERE t.session_id = s.session_id"
                + " ORDER BY t.sequence DESC LIMIT 1) last WHERE s.connection_id = :id"
                + " ORDER BY s.first_seen_at, s.session_id")
        .bind("id", connectionId)
        .map(row -> Map.entry(row.get("session_id", UUID.class), row.get("code", Integer.class)))
        .all()
        .filter(last -> !StatusMapping.endsSession(last.getValue()))
        .map(Map.Entry::getKey);
  }

  @Override
  public Mono<Void> record(UUID connectionId, Transition t) {
    return seen(t.sessionId(), connectionId, t.kind(), t.occurredAt())
        .then(
            db.sql(
                    "INSERT INTO session_transition (connection_id, sequence, session_id, code, name, occurred_at,"
                        + " substage, prompt_type, failure_reason, failure_message, retryable)"
                        + " VALUES (:connection, :sequence, :session, :code, :name, :at, :substage, :prompt,"
                        + " :reason, :message, :retryable) ON CONFLICT DO NOTHING")
                .bind("connection", connectionId)
                .bind("sequence", t.sequence())
                .bind("session", t.sessionId())
                .bind("code", t.code())
                .bind("name", t.name())
                .bind("at", time(t.occurredAt()))
                .bind("substage", Parameter.fromOrEmpty(t.substage(), String.class))
                .bind("prompt", Parameter.fromOrEmpty(t.prompt() == null ? null : t.prompt().type().apiName(), String.class))
                .bind("reason", Parameter.fromOrEmpty(t.failure() == null ? null : t.failure().reason().name(), String.class))
                .bind("message", Parameter.fromOrEmpty(t.failure() == null ? null : t.failure().message(), String.class))
                .bind("retryable", Parameter.fromOrEmpty(t.failure() == null ? null : t.failure().retryable(), Boolean.class))
                .then());
  }

  @Override
  public Mono<Void> outcome(UUID sessionId, UUID connectionId, SessionKind kind, Outcome outcome) {
    return seen(sessionId, connectionId, kind, outcome.at())
        .then(
            db.sql("SELECT outcome_json FROM session WHERE session_id = :id FOR UPDATE")
                .bind("id", sessionId)
                .map(row -> java.util.Optional.ofNullable(row.get("outcome_json", String.class)))
                .one())
        .flatMap(
            existing -> {
              List<Outcome> outcomes = new ArrayList<>(existing.map(s -> json.readValue(s, OUTCOMES)).orElse(List.of()));
              outcomes.add(outcome);
              return db.sql("UPDATE session SET outcome_json = :outcomes WHERE session_id = :id")
                  .bind("id", sessionId)
                  .bind("outcomes", json.writeValueAsString(outcomes))
                  .then();
            });
  }

  @Override
  public Flux<Session> sessions(UUID connectionId) {
    Mono<Map<UUID, List<Step>>> steps =
        db.sql(
                "SELECT session_id, sequence, code, name, occurred_at, substage, prompt_type, failure_reason,"
                    + " failure_message, retryable FROM session_transition WHERE connection_id = :id"
                    + " ORDER BY sequence")
            .bind("id", connectionId)
            .map(row -> Map.entry(row.get("session_id", UUID.class), step(row)))
            .all()
            .collect(
                Collectors.groupingBy(
                    Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    return steps.flatMapMany(
        bySession ->
            db.sql(
                    "SELECT session_id, kind, requested_at, first_seen_at, rewind_from, rewind_to, outcome_json FROM session"
                        + " WHERE connection_id = :id ORDER BY first_seen_at, session_id")
                .bind("id", connectionId)
                .map(
                    row -> {
                      UUID id = row.get("session_id", UUID.class);
                      String outcomes = row.get("outcome_json", String.class);
                      return new Session(
                          id,
                          row.get("kind", String.class),
                          instant(row, "requested_at"),
                          instant(row, "first_seen_at"),
                          instant(row, "rewind_from"),
                          instant(row, "rewind_to"),
                          outcomes == null ? List.of() : json.readValue(outcomes, OUTCOMES),
                          bySession.getOrDefault(id, List.of()));
                    })
                .all());
  }

  private static Step step(Readable row) {
    return new Step(
        row.get("sequence", Long.class),
        row.get("code", Integer.class),
        row.get("name", String.class),
        instant(row, "occurred_at"),
        row.get("substage", String.class),
        row.get("prompt_type", String.class),
        row.get("failure_reason", String.class),
        row.get("failure_message", String.class),
        row.get("retryable", Boolean.class));
  }

  private static Instant instant(Readable row, String column) {
    OffsetDateTime value = row.get(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
