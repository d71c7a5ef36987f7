package dev.feedlink.webhook.message;

import dev.feedlink.webhook.SqlTime;
import dev.feedlink.webhook.message.domain.FanOut;
import dev.feedlink.webhook.message.domain.NewMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Batch writes as single statements over arrays ({@code unnest}): r2dbc-postgresql would otherwise
 * spend one round trip per row.
 */
final class R2dbcMessageStore implements MessageStore {

  private final DatabaseClient db;

  R2dbcMessageStore(DatabaseClient db) {
    this.db = db;
  }

  @Override
  public Mono<SortedMap<Integer, StoredMessage>> insertNew(List<NewMessage> messages) {
    int n = messages.size();
    String[] ids = new String[n];
    String[] apps = new String[n];
    String[] types = new String[n];
    String[] events = new String[n];
    String[] connections = new String[n];
    String[] payloads = new String[n];
    String[] times = new String[n];
    Map<String, Integer> indexOf = new HashMap<>();
    for (int i = 0; i < n; i++) {
      NewMessage m = messages.get(i);
      ids[i] = MessageIds.next();
      indexOf.put(ids[i], i);
      apps[i] = m.appId();
      types[i] = m.type().wireName();
      events[i] = m.eventId();
      connections[i] = m.connectionId();
      payloads[i] = m.payloadJson();
      times[i] = m.createdAt().toString();
    }
    return db.sql("INSERT INTO message (message_id, app_id, event_type, event_id, connection_id, payload, created_at)"
            + " SELECT * FROM unnest(:ids::text[], :apps::text[], :types::text[], :events::text[], :connections::text[],"
            + " :payloads::text[], :times::timestamptz[])"
            + " ON CONFLICT (event_id, event_type) DO NOTHING RETURNING id, message_id")
        .bind("ids", ids)
        .bind("apps", apps)
        .bind("types", types)
        .bind("events", events)
        .bind("connections", connections)
        .bind("payloads", payloads)
        .bind("times", times)
        .map(row -> {
          String messageId = row.get("message_id", String.class);
          return Map.entry(indexOf.get(messageId), new StoredMessage(row.get("id", Long.class), messageId));
        })
        .all()
        .collect(TreeMap<Integer, StoredMessage>::new, (map, e) -> map.put(e.getKey(), e.getValue()))
        .map(map -> (SortedMap<Integer, StoredMessage>) map);
  }

  @Override
  public Mono<Map<FanOut.SequenceKey, Long>> advanceSequences(Map<FanOut.SequenceKey, Integer> counts) {
    if (counts.isEmpty()) {
      return Mono.just(Map.of());
    }
    List<Map.Entry<FanOut.SequenceKey, Integer>> entries = new ArrayList<>(counts.entrySet());
    String[] endpoints = new String[entries.size()];
    String[] connections = new String[entries.size()];
    Long[] amounts = new Long[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      endpoints[i] = entries.get(i).getKey().endpointId().toString();
      connections[i] = entries.get(i).getKey().connectionId();
      amounts[i] = entries.get(i).getValue().longValue();
    }
    // Rows are locked in key order, so two batches touching the same counters cannot deadlock.
    return db.sql("INSERT INTO delivery_sequence (endpoint_id, connection_id, last_value)"
            + " SELECT e, c, n FROM unnest(:endpoints::uuid[], :connections::text[], :amounts::bigint[]) AS u(e, c, n)"
            + " ORDER BY e, c"
            + " ON CONFLICT (endpoint_id, connection_id) DO UPDATE SET last_value = delivery_sequence.last_value + EXCLUDED.last_value"
            + " RETURNING endpoint_id, connection_id, last_value")
        .bind("endpoints", endpoints)
        .bind("connections", connections)
        .bind("amounts", amounts)
        .map(row -> Map.entry(
            new FanOut.SequenceKey(row.get("endpoint_id", UUID.class), row.get("connection_id", String.class)),
            row.get("last_value", Long.class)))
        .all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  @Override
  public Mono<Map<DeliveryKey, Long>> insertDeliveries(List<NewDelivery> deliveries, Instant now) {
    int n = deliveries.size();
    Long[] messages = new Long[n];
    String[] endpoints = new String[n];
    String[] connections = new String[n];
    Long[] sequences = new Long[n];
    String[] states = new String[n];
    Boolean[] ordered = new Boolean[n];
    String[] due = new String[n];
    for (int i = 0; i < n; i++) {
      NewDelivery d = deliveries.get(i);
      messages[i] = d.messageKey();
      endpoints[i] = d.endpointId().toString();
      connections[i] = d.connectionId();
      sequences[i] = d.sequence();
      states[i] = d.pending() ? "pending" : "failed";
      ordered[i] = d.ordered();
      due[i] = d.pending() ? d.nextAttemptAt().toString() : null;
    }
    return db.sql("INSERT INTO delivery (message_pk, endpoint_id, connection_id, sequence, ordered, state, failure_reason,"
            + " next_attempt_at, last_error, created_at, finished_at)"
            + " SELECT m, e, c, s, o, st, CASE WHEN st = 'failed' THEN 'endpoint_disabled' END,"
            + " due, CASE WHEN st = 'failed' THEN 'endpoint disabled' END,"
            + " :now, CASE WHEN st = 'failed' THEN :now END"
            + " FROM unnest(:messages::bigint[], :endpoints::uuid[], :connections::text[], :sequences::bigint[],"
            + " :ordered::boolean[], :states::text[], :due::timestamptz[]) AS u(m, e, c, s, o, st, due)"
            + " RETURNING delivery_id, message_pk, endpoint_id")
        .bind("messages", messages)
        .bind("endpoints", endpoints)
        .bind("connections", connections)
        .bind("sequences", sequences)
        .bind("ordered", ordered)
        .bind("states", states)
        .bind("due", due)
        .bind("now", SqlTime.of(now))
        .map(row -> Map.entry(new DeliveryKey(row.get("message_pk", Long.class), row.get("endpoint_id", UUID.class)),
            row.get("delivery_id", Long.class)))
        .all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }
}
