package dev.feedlink.webhook.message;

import dev.feedlink.webhook.SqlTime;
import dev.feedlink.webhook.message.domain.NewMessage;
import java.time.Instant;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Stores a batch in one statement over arrays ({@code unnest}): r2dbc-postgresql would otherwise
 * spend one round trip per row, and one statement is atomic without a transaction's extra round
 * trips (begin, commit).
 */
final class R2dbcMessageStore implements MessageStore {

  /**
   * m: the new messages (a redelivered event conflicts and is skipped); p: the deliveries of those;
   * n and s: each (endpoint, connection) counter advanced by its number of deliveries, rows locked
   * in key order so that two batches touching the same counters cannot deadlock; d: the deliveries,
   * the k-th of a counter's n numbered last - n + k in the order given.
   */
  private static final String STORE =
      "WITH m AS (INSERT INTO message (message_id, app_id, event_type, event_id, connection_id, payload, created_at)"
          + " SELECT * FROM unnest(:ids::text[], :apps::text[], :types::text[], :events::text[], :connections::text[],"
          + " :payloads::text[], :times::timestamptz[])"
          + " ON CONFLICT (event_id, event_type) DO NOTHING RETURNING id, message_id),"
          + " p AS (SELECT m.id AS message_pk, u.* FROM unnest(:dmessages::text[], :dendpoints::uuid[], :dconnections::text[],"
          + " :dpending::boolean[], :dordered::boolean[], :dleased::boolean[])"
          + " WITH ORDINALITY AS u(message_id, endpoint_id, connection_id, pending, ordered, leased, ord)"
          + " JOIN m ON m.message_id = u.message_id),"
          + " n AS (SELECT endpoint_id, connection_id, count(*) AS k FROM p WHERE connection_id IS NOT NULL"
          + " GROUP BY endpoint_id, connection_id),"
          + " s AS (INSERT INTO delivery_sequence (endpoint_id, connection_id, last_value)"
          + " SELECT endpoint_id, connection_id, k FROM n ORDER BY endpoint_id, connection_id"
          + " ON CONFLICT (endpoint_id, connection_id) DO UPDATE SET last_value = delivery_sequence.last_value + EXCLUDED.last_value"
          + " RETURNING endpoint_id, connection_id, last_value),"
          + " d AS (INSERT INTO delivery (message_pk, endpoint_id, connection_id, sequence, ordered, state, failure_reason,"
          + " next_attempt_at, last_error, created_at, finished_at)"
          + " SELECT p.message_pk, p.endpoint_id, p.connection_id,"
          + " s.last_value - n.k + row_number() OVER (PARTITION BY p.endpoint_id, p.connection_id ORDER BY p.ord), p.ordered,"
          + " CASE WHEN p.pending THEN 'pending' ELSE 'failed' END,"
          + " CASE WHEN NOT p.pending THEN 'endpoint_disabled' END,"
          + " CASE WHEN NOT p.pending THEN NULL WHEN p.leased THEN :leasedUntil ELSE :now END,"
          + " CASE WHEN NOT p.pending THEN 'endpoint disabled' END,"
          + " :now, CASE WHEN NOT p.pending THEN :now END"
          + " FROM p LEFT JOIN n USING (endpoint_id, connection_id) LEFT JOIN s USING (endpoint_id, connection_id)"
          + " RETURNING delivery_id, message_pk, endpoint_id, sequence)"
          + " SELECT p.ord, d.delivery_id, p.message_id, d.sequence FROM d JOIN p USING (message_pk, endpoint_id) ORDER BY p.ord";

  private final DatabaseClient db;

  R2dbcMessageStore(DatabaseClient db) {
    this.db = db;
  }

  @Override
  public Mono<List<Created>> store(List<NewMessage> messages, List<NewDelivery> deliveries, Instant now, Instant leasedUntil) {
    int n = messages.size();
    String[] ids = new String[n];
    String[] apps = new String[n];
    String[] types = new String[n];
    String[] events = new String[n];
    String[] connections = new String[n];
    String[] payloads = new String[n];
    String[] times = new String[n];
    for (int i = 0; i < n; i++) {
      NewMessage m = messages.get(i);
      ids[i] = MessageIds.next();
      apps[i] = m.appId();
      types[i] = m.type().wireName();
      events[i] = m.eventId();
      connections[i] = m.connectionId();
      payloads[i] = m.payloadJson();
      times[i] = m.createdAt().toString();
    }
    int k = deliveries.size();
    String[] dmessages = new String[k];
    String[] dendpoints = new String[k];
    String[] dconnections = new String[k];
    Boolean[] dpending = new Boolean[k];
    Boolean[] dordered = new Boolean[k];
    Boolean[] dleased = new Boolean[k];
    for (int i = 0; i < k; i++) {
      NewDelivery d = deliveries.get(i);
      dmessages[i] = ids[d.message()];
      dendpoints[i] = d.endpointId().toString();
      dconnections[i] = d.connectionId();
      dpending[i] = d.pending();
      dordered[i] = d.ordered();
      dleased[i] = d.leased();
    }
    return db.sql(STORE)
        .bind("ids", ids)
        .bind("apps", apps)
        .bind("types", types)
        .bind("events", events)
        .bind("connections", connections)
        .bind("payloads", payloads)
        .bind("times", times)
        .bind("dmessages", dmessages)
        .bind("dendpoints", dendpoints)
        .bind("dconnections", dconnections)
        .bind("dpending", dpending)
        .bind("dordered", dordered)
        .bind("dleased", dleased)
        .bind("now", SqlTime.of(now))
        .bind("leasedUntil", SqlTime.of(leasedUntil))
        .map(row -> new Created(
            (int) (row.get("ord", Long.class) - 1), row.get("delivery_id", Long.class), row.get("message_id", String.class),
            row.get("sequence", Long.class)))
        .all()
        .collectList();
  }
}
