package dev.feedlink.webhook.message;

import dev.feedlink.webhook.SqlTime;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import reactor.core.publisher.Mono;

final class R2dbcMessageLog implements MessageLog {

  private static final String DELIVERY_COLUMNS =
      "d.delivery_id, d.message_pk, d.endpoint_id, d.state, d.sequence, d.attempts, d.next_attempt_at, d.last_attempt_at,"
          + " d.last_status_code, d.last_error, d.failure_reason, d.finished_at";

  /** Restarting a delivery: a new round, under the same webhook-id, due now. */
  private static final String RESTART =
      "UPDATE delivery d SET state = 'pending', round = d.round + 1, trigger = 'replay', attempts = 0,"
          + " next_attempt_at = :now, failure_reason = NULL, finished_at = NULL";

  private final DatabaseClient db;
  private final Runnable onReplay;

  R2dbcMessageLog(DatabaseClient db, Runnable onReplay) {
    this.db = db;
    this.onReplay = onReplay;
  }

  @Override
  public Mono<List<Message>> messages(String appId, Filter filter) {
    return db.sql("SELECT m.id, m.message_id, m.event_type, m.connection_id, m.created_at FROM message m"
            + " WHERE m.app_id = :app"
            + " AND (CAST(:type AS text) IS NULL OR m.event_type = :type)"
            + " AND (CAST(:connection AS text) IS NULL OR m.connection_id = :connection)"
            + " AND (CAST(:since AS timestamptz) IS NULL OR m.created_at >= :since)"
            + " AND (CAST(:before AS bigint) IS NULL OR m.id < :before)"
            + " AND (CAST(:state AS text) IS NULL OR EXISTS (SELECT 1 FROM delivery d WHERE d.message_pk = m.id AND d.state = :state))"
            + " ORDER BY m.id DESC LIMIT :limit")
        .bind("app", appId)
        .bind("type", Parameter.fromOrEmpty(filter.eventType(), String.class))
        .bind("connection", Parameter.fromOrEmpty(filter.connectionId(), String.class))
        .bind("since", Parameter.fromOrEmpty(filter.since() == null ? null : SqlTime.of(filter.since()), OffsetDateTime.class))
        .bind("before", Parameter.fromOrEmpty(filter.before(), Long.class))
        .bind("state", Parameter.fromOrEmpty(filter.state(), String.class))
        .bind("limit", filter.limit())
        .map(row -> new Message(row.get("id", Long.class), row.get("message_id", String.class), row.get("event_type", String.class),
            row.get("connection_id", String.class), SqlTime.read(row, "created_at"), null, List.of()))
        .all()
        .collectList()
        .flatMap(this::withDeliveries);
  }

  private Mono<List<Message>> withDeliveries(List<Message> messages) {
    if (messages.isEmpty()) {
      return Mono.just(messages);
    }
    Long[] keys = messages.stream().map(Message::key).toArray(Long[]::new);
    return db.sql("SELECT " + DELIVERY_COLUMNS + " FROM delivery d WHERE d.message_pk = ANY(:keys) ORDER BY d.delivery_id")
        .bind("keys", keys)
        .map(row -> Map.entry(row.get("message_pk", Long.class), delivery(row)))
        .all()
        .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())))
        .map(byMessage -> {
          List<Message> out = new ArrayList<>(messages.size());
          for (Message m : messages) {
            out.add(new Message(m.key(), m.messageId(), m.eventType(), m.connectionId(), m.createdAt(), m.payload(),
                byMessage.getOrDefault(m.key(), List.of())));
          }
          return out;
        });
  }

  @Override
  public Mono<Optional<Message>> message(String appId, String messageId) {
    return db.sql("SELECT id, message_id, event_type, connection_id, created_at, payload FROM message"
            + " WHERE app_id = :app AND message_id = :id")
        .bind("app", appId)
        .bind("id", messageId)
        .map(row -> new Message(row.get("id", Long.class), row.get("message_id", String.class), row.get("event_type", String.class),
            row.get("connection_id", String.class), SqlTime.read(row, "created_at"), row.get("payload", String.class), List.of()))
        .one()
        .flatMap(m -> withDeliveries(List.of(m)))
        .map(list -> Optional.of(list.get(0)))
        .defaultIfEmpty(Optional.empty());
  }

  @Override
  public Mono<List<Attempt>> attempts(String appId, String messageId) {
    return db.sql("SELECT a.attempt_id, d.endpoint_id, a.attempted_at, a.outcome, a.status_code, a.latency_ms,"
            + " a.response_excerpt, a.error, a.trigger, a.next_attempt_at"
            + " FROM attempt a JOIN delivery d ON d.delivery_id = a.delivery_id JOIN message m ON m.id = d.message_pk"
            + " WHERE m.app_id = :app AND m.message_id = :id ORDER BY a.attempt_id")
        .bind("app", appId)
        .bind("id", messageId)
        .map(row -> new Attempt(row.get("attempt_id", Long.class), row.get("endpoint_id", UUID.class),
            SqlTime.read(row, "attempted_at"), row.get("outcome", String.class), row.get("status_code", Integer.class),
            row.get("latency_ms", Integer.class), row.get("response_excerpt", String.class), row.get("error", String.class),
            row.get("trigger", String.class), SqlTime.read(row, "next_attempt_at")))
        .all()
        .collectList();
  }

  @Override
  public Mono<List<DeadLetter>> deadLetters(String appId, UUID endpointId, Long before, int limit) {
    return db.sql("SELECT " + DELIVERY_COLUMNS + ", m.message_id, m.event_type, m.connection_id AS message_connection,"
            + " m.created_at AS message_created_at"
            + " FROM delivery d JOIN message m ON m.id = d.message_pk"
            + " WHERE m.app_id = :app AND d.state = 'failed'"
            + " AND (CAST(:endpoint AS uuid) IS NULL OR d.endpoint_id = :endpoint)"
            + " AND (CAST(:before AS bigint) IS NULL OR d.delivery_id < :before)"
            + " ORDER BY d.delivery_id DESC LIMIT :limit")
        .bind("app", appId)
        .bind("endpoint", Parameter.fromOrEmpty(endpointId, UUID.class))
        .bind("before", Parameter.fromOrEmpty(before, Long.class))
        .bind("limit", limit)
        .map(row -> new DeadLetter(row.get("delivery_id", Long.class), row.get("message_id", String.class),
            row.get("event_type", String.class), row.get("message_connection", String.class),
            SqlTime.read(row, "message_created_at"), delivery(row)))
        .all()
        .collectList();
  }

  @Override
  public Mono<Integer> replay(String appId, String messageId, UUID endpointId, Instant now) {
    return db.sql(RESTART + " FROM message m, endpoint e"
            + " WHERE m.id = d.message_pk AND m.app_id = :app AND m.message_id = :id AND e.endpoint_id = d.endpoint_id"
            + " AND e.status = 'enabled' AND d.state IN ('failed', 'delivered')"
            + " AND (CAST(:endpoint AS uuid) IS NULL OR d.endpoint_id = :endpoint)")
        .bind("now", SqlTime.of(now))
        .bind("app", appId)
        .bind("id", messageId)
        .bind("endpoint", Parameter.fromOrEmpty(endpointId, UUID.class))
        .fetch()
        .rowsUpdated()
        .map(this::woken);
  }

  @Override
  public Mono<Integer> replayFailed(String appId, Instant since, UUID endpointId, Instant now) {
    return db.sql(RESTART + " FROM endpoint e"
            + " WHERE e.endpoint_id = d.endpoint_id AND e.app_id = :app AND e.status = 'enabled'"
            + " AND d.state = 'failed' AND d.finished_at >= :since"
            + " AND (CAST(:endpoint AS uuid) IS NULL OR d.endpoint_id = :endpoint)")
        .bind("now", SqlTime.of(now))
        .bind("app", appId)
        .bind("since", SqlTime.of(since))
        .bind("endpoint", Parameter.fromOrEmpty(endpointId, UUID.class))
        .fetch()
        .rowsUpdated()
        .map(this::woken);
  }

  /** Wakes the dispatcher for the restarted deliveries; emits how many there are. */
  private int woken(long restarted) {
    if (restarted > 0) {
      onReplay.run();
    }
    return (int) restarted;
  }

  private static Delivery delivery(Readable row) {
    return new Delivery(row.get("delivery_id", Long.class), row.get("endpoint_id", UUID.class), row.get("state", String.class),
        row.get("sequence", Long.class), row.get("attempts", Integer.class), SqlTime.read(row, "next_attempt_at"),
        SqlTime.read(row, "last_attempt_at"), row.get("last_status_code", Integer.class), row.get("last_error", String.class),
        row.get("failure_reason", String.class), SqlTime.read(row, "finished_at"));
  }


}
