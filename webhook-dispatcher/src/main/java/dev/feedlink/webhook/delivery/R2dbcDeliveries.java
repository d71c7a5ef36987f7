package dev.feedlink.webhook.delivery;

import dev.feedlink.webhook.SqlTime;
import dev.feedlink.webhook.delivery.domain.AttemptOutcome;
import dev.feedlink.webhook.delivery.domain.NextStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

final class R2dbcDeliveries implements Deliveries {

  /**
   * Per enabled endpoint, its due deliveries up to the room it has left (a LATERAL subquery per
   * endpoint), so that one endpoint's backlog never takes the whole batch: a dead endpoint cannot
   * starve a healthy one. SKIP LOCKED lets several instances claim side by side.
   */
  private static final String CLAIM =
      "WITH room AS (SELECT * FROM unnest(:roomIds::uuid[], :roomLeft::int[]) AS r(endpoint_id, slots)),"
          + " picked AS ("
          + "  SELECT d.delivery_id FROM endpoint e"
          + "  LEFT JOIN room r ON r.endpoint_id = e.endpoint_id"
          + "  CROSS JOIN LATERAL ("
          + "    SELECT d.delivery_id FROM delivery d"
          + "    WHERE d.endpoint_id = e.endpoint_id AND d.state = 'pending' AND d.next_attempt_at <= :now"
          + "      AND (NOT e.ordered OR d.connection_id IS NULL OR NOT EXISTS ("
          + "        SELECT 1 FROM delivery p WHERE p.endpoint_id = d.endpoint_id AND p.connection_id = d.connection_id"
          + "          AND p.state = 'pending' AND p.ordered AND p.sequence < d.sequence))"
          + "    ORDER BY d.next_attempt_at, d.delivery_id"
          + "    LIMIT COALESCE(r.slots, :capacity)"
          + "    FOR UPDATE OF d SKIP LOCKED"
          + "  ) d"
          + "  WHERE e.status = 'enabled' AND COALESCE(r.slots, :capacity) > 0"
          + "  LIMIT :limit)"
          + " UPDATE delivery d SET next_attempt_at = :lease"
          + " FROM message m, endpoint e"
          // An array, not a join with the CTE: the planner cannot tell how few rows it holds and
          // would hash the whole delivery table for every claim.
          + " WHERE d.delivery_id = ANY(ARRAY(SELECT delivery_id FROM picked))"
          + " AND m.id = d.message_pk AND e.endpoint_id = d.endpoint_id"
          + " RETURNING d.delivery_id, d.round, d.attempts, d.trigger, d.endpoint_id, e.url, e.secret_version,"
          + " m.message_id, m.event_type, d.connection_id, d.sequence, m.created_at, m.payload, d.ordered";

  private final DatabaseClient db;

  R2dbcDeliveries(DatabaseClient db) {
    this.db = db;
  }

  @Override
  public Mono<List<ClaimedDelivery>> claim(Instant now, Instant leaseUntil, int limit, int capacity, Map<UUID, Integer> roomLeft) {
    String[] ids = new String[roomLeft.size()];
    Integer[] slots = new Integer[roomLeft.size()];
    int i = 0;
    for (Map.Entry<UUID, Integer> e : roomLeft.entrySet()) {
      ids[i] = e.getKey().toString();
      slots[i++] = e.getValue();
    }
    return db.sql(CLAIM)
        .bind("roomIds", ids)
        .bind("roomLeft", slots)
        .bind("now", SqlTime.of(now))
        .bind("lease", SqlTime.of(leaseUntil))
        .bind("capacity", capacity)
        .bind("limit", limit)
        .map(row -> new ClaimedDelivery(
            row.get("delivery_id", Long.class),
            row.get("round", Integer.class),
            row.get("attempts", Integer.class),
            row.get("trigger", String.class),
            row.get("endpoint_id", UUID.class),
            row.get("url", String.class),
            row.get("secret_version", Integer.class),
            row.get("message_id", String.class),
            row.get("event_type", String.class),
            row.get("connection_id", String.class),
            row.get("sequence", Long.class),
            SqlTime.read(row, "created_at"),
            row.get("payload", String.class),
            leaseUntil,
            row.get("ordered", Boolean.class)))
        .all()
        .collectList();
  }

  @Override
  public Mono<Void> unclaim(List<Long> deliveryIds, Instant now) {
    return db.sql("UPDATE delivery SET next_attempt_at = :now WHERE delivery_id = ANY(:ids) AND state = 'pending'")
        .bind("now", SqlTime.of(now))
        .bind("ids", deliveryIds.toArray(Long[]::new))
        .then();
  }

  @Override
  public Mono<List<Failing>> record(List<AttemptRecord> attempts) {
    int n = attempts.size();
    Long[] ids = new Long[n];
    Integer[] rounds = new Integer[n];
    String[] states = new String[n];
    String[] reasons = new String[n];
    Integer[] counts = new Integer[n];
    String[] nexts = new String[n];
    String[] ats = new String[n];
    Integer[] codes = new Integer[n];
    String[] outcomes = new String[n];
    String[] errors = new String[n];
    String[] excerpts = new String[n];
    Long[] latencies = new Long[n];
    String[] triggers = new String[n];
    String[] finished = new String[n];
    // Each endpoint's latest result in this batch decides its streak.
    Map<UUID, AttemptRecord> latest = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      AttemptRecord a = attempts.get(i);
      ids[i] = a.delivery().deliveryId();
      rounds[i] = a.delivery().round();
      counts[i] = a.attempts();
      ats[i] = a.attemptedAt().toString();
      codes[i] = a.outcome().statusCode();
      outcomes[i] = a.outcome().name();
      boolean responded = a.outcome().statusCode() != null;
      excerpts[i] = responded ? a.outcome().detail() : null;
      errors[i] = responded ? (a.outcome() instanceof AttemptOutcome.Delivered ? null : "HTTP " + a.outcome().statusCode()) : a.outcome().detail();
      latencies[i] = a.latencyMillis();
      triggers[i] = a.delivery().attemptsBefore() == 0 ? a.delivery().trigger() : "retry";
      NextStep next = a.next();
      if (next instanceof NextStep.Done) {
        states[i] = "delivered";
        finished[i] = ats[i];
      } else if (next instanceof NextStep.RetryAt retry) {
        states[i] = "pending";
        nexts[i] = retry.at().toString();
      } else if (next instanceof NextStep.GiveUp) {
        states[i] = "failed";
        reasons[i] = "exhausted";
        finished[i] = ats[i];
      } else {
        states[i] = "failed";
        reasons[i] = "endpoint_gone";
        finished[i] = ats[i];
      }
      latest.remove(a.delivery().endpointId());
      latest.put(a.delivery().endpointId(), a);
    }
    List<String> healthy = new ArrayList<>();
    List<String> failing = new ArrayList<>();
    Instant firstFailure = null;
    for (AttemptRecord a : latest.values()) {
      if (a.outcome() instanceof AttemptOutcome.Delivered) {
        healthy.add(a.delivery().endpointId().toString());
      } else {
        failing.add(a.delivery().endpointId().toString());
        firstFailure = firstFailure == null || a.attemptedAt().isBefore(firstFailure) ? a.attemptedAt() : firstFailure;
      }
    }
    // One statement, so one atomic commit without a transaction's extra round trips: the attempts,
    // the deliveries' new state, and each endpoint's failing streak (a success ends it; a failure
    // starts it unless already running). A late result of an older round (the delivery was
    // replayed meanwhile) moves nothing; a success always counts, even if the endpoint was
    // disabled while the request was out.
    return db.sql("WITH u AS (SELECT * FROM unnest(:ids::bigint[], :rounds::int[], :states::text[], :reasons::text[],"
            + " :counts::int[], :nexts::timestamptz[], :ats::timestamptz[], :codes::int[], :outcomes::text[],"
            + " :latencies::bigint[], :excerpts::text[], :errors::text[], :triggers::text[], :finished::timestamptz[])"
            + " AS u(id, round, state, reason, attempts, next, at, code, outcome, latency, excerpt, error, trigger, finished)),"
            + " moved AS (UPDATE delivery d SET state = u.state, failure_reason = u.reason, attempts = u.attempts,"
            + " next_attempt_at = u.next, last_attempt_at = u.at, last_status_code = u.code, last_error = u.error,"
            + " finished_at = u.finished FROM u"
            + " WHERE d.delivery_id = u.id AND d.round = u.round AND (d.state = 'pending' OR u.state = 'delivered')),"
            + " attempted AS (INSERT INTO attempt (delivery_id, attempted_at, outcome, status_code, latency_ms,"
            + " response_excerpt, error, trigger, next_attempt_at)"
            + " SELECT id, at, outcome, code, latency, excerpt, error, trigger, next FROM u),"
            + " recovered AS (UPDATE endpoint SET failing_since = NULL WHERE endpoint_id = ANY(:healthy::uuid[])"
            + " AND failing_since IS NOT NULL)"
            + " UPDATE endpoint SET failing_since = COALESCE(failing_since, :first) WHERE endpoint_id = ANY(:failing::uuid[])"
            + " AND status = 'enabled' RETURNING endpoint_id, failing_since")
        .bind("ids", ids)
        .bind("rounds", rounds)
        .bind("states", states)
        .bind("reasons", reasons)
        .bind("counts", counts)
        .bind("nexts", nexts)
        .bind("ats", ats)
        .bind("codes", codes)
        .bind("outcomes", outcomes)
        .bind("latencies", latencies)
        .bind("excerpts", excerpts)
        .bind("errors", errors)
        .bind("triggers", triggers)
        .bind("finished", finished)
        .bind("healthy", healthy.toArray(String[]::new))
        .bind("failing", failing.toArray(String[]::new))
        .bind("first", SqlTime.of(firstFailure == null ? attempts.get(0).attemptedAt() : firstFailure))
        .map(row -> new Failing(row.get("endpoint_id", UUID.class), SqlTime.read(row, "failing_since")))
        .all()
        .collectList();
  }

}
