package dev.feedlink.webhook.endpoint;

import dev.feedlink.webhook.SqlTime;
import dev.feedlink.platform.crypto.Sealed;
import dev.feedlink.webhook.endpoint.domain.DisableReason;
import dev.feedlink.webhook.endpoint.domain.Endpoint;
import dev.feedlink.webhook.endpoint.domain.EndpointStatus;
import dev.feedlink.webhook.endpoint.domain.EventType;
import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

final class R2dbcEndpoints implements Endpoints {

  private static final String COLUMNS =
      "endpoint_id, app_id, url, description, event_types, ordered, status, disabled_reason, disabled_at,"
          + " failing_since, created_at, updated_at, secret_version";

  private final DatabaseClient db;
  private final TransactionalOperator tx;

  R2dbcEndpoints(DatabaseClient db, TransactionalOperator tx) {
    this.db = db;
    this.tx = tx;
  }

  @Override
  public Mono<Endpoint> create(Endpoint e, Sealed secret) {
    Mono<Endpoint> insert =
        db.sql("INSERT INTO endpoint (" + COLUMNS + ") VALUES (:id, :app, :url, :description,"
                + " :types, :ordered, :status, NULL, NULL, NULL, :at, :at, 1)")
            .bind("id", e.endpointId())
            .bind("app", e.appId())
            .bind("url", e.url())
            .bind("description", nullable(e.description()))
            .bind("types", typeNames(e.eventTypes()))
            .bind("ordered", e.ordered())
            .bind("status", e.status().wireName())
            .bind("at", SqlTime.of(e.createdAt()))
            .then()
            .then(insertSecret(e.endpointId(), 1, secret, e.createdAt()))
            .thenReturn(e);
    return tx.transactional(insert);
  }

  private Mono<Void> insertSecret(UUID endpointId, int version, Sealed secret, Instant at) {
    return db.sql("INSERT INTO endpoint_secret (endpoint_id, version, key_id, nonce, ciphertext, created_at)"
            + " VALUES (:id, :version, :keyId, :nonce, :ciphertext, :at)")
        .bind("id", endpointId)
        .bind("version", version)
        .bind("keyId", secret.keyId())
        .bind("nonce", secret.nonce())
        .bind("ciphertext", secret.ciphertext())
        .bind("at", SqlTime.of(at))
        .then();
  }

  @Override
  public Mono<Long> count(String appId) {
    return db.sql("SELECT count(*) FROM endpoint WHERE app_id = :app AND status <> 'deleted'")
        .bind("app", appId)
        .map(row -> row.get(0, Long.class))
        .one();
  }

  @Override
  public Flux<Endpoint> list(String appId) {
    return db.sql("SELECT " + COLUMNS + " FROM endpoint WHERE app_id = :app AND status <> 'deleted' ORDER BY created_at, endpoint_id")
        .bind("app", appId)
        .map(R2dbcEndpoints::endpoint)
        .all();
  }

  @Override
  public Mono<Endpoint> find(String appId, UUID endpointId) {
    return db.sql("SELECT " + COLUMNS + " FROM endpoint WHERE endpoint_id = :id AND app_id = :app AND status <> 'deleted'")
        .bind("id", endpointId)
        .bind("app", appId)
        .map(R2dbcEndpoints::endpoint)
        .one();
  }

  @Override
  public Mono<Map<String, List<Endpoint>>> ofApps(Collection<String> appIds) {
    if (appIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return db.sql("SELECT " + COLUMNS + " FROM endpoint WHERE app_id = ANY(:apps) AND status <> 'deleted' ORDER BY created_at, endpoint_id")
        .bind("apps", appIds.toArray(String[]::new))
        .map(R2dbcEndpoints::endpoint)
        .all()
        .collect(Collectors.groupingBy(Endpoint::appId, LinkedHashMap::new, Collectors.toList()));
  }

  @Override
  public Mono<Endpoint> update(Endpoint e) {
    // Pending deliveries follow the endpoint's ordering from now on.
    Mono<Void> reorder =
        db.sql("UPDATE delivery SET ordered = :ordered WHERE endpoint_id = :id AND state = 'pending' AND ordered <> :ordered")
            .bind("ordered", e.ordered())
            .bind("id", e.endpointId())
            .then();
    return tx.transactional(updateRow(e).flatMap(saved -> reorder.thenReturn(saved)));
  }

  private Mono<Endpoint> updateRow(Endpoint e) {
    return db.sql("UPDATE endpoint SET url = :url, description = :description, event_types = :types, ordered = :ordered,"
            + " updated_at = :at WHERE endpoint_id = :id AND app_id = :app AND status <> 'deleted' RETURNING " + COLUMNS)
        .bind("id", e.endpointId())
        .bind("app", e.appId())
        .bind("url", e.url())
        .bind("description", nullable(e.description()))
        .bind("types", typeNames(e.eventTypes()))
        .bind("ordered", e.ordered())
        .bind("at", SqlTime.of(e.updatedAt()))
        .map(R2dbcEndpoints::endpoint)
        .one();
  }

  @Override
  public Mono<Endpoint> disable(UUID endpointId, DisableReason reason, Instant now) {
    String failure = reason == DisableReason.GONE ? "endpoint_gone" : "endpoint_disabled";
    Mono<Endpoint> disabling =
        db.sql("UPDATE endpoint e SET status = 'disabled', disabled_reason = :reason, disabled_at = :now, updated_at = :now"
                + " FROM endpoint was WHERE e.endpoint_id = :id AND was.endpoint_id = e.endpoint_id"
                + " AND e.status = 'enabled' RETURNING " + prefixed("was."))
            .bind("id", endpointId)
            .bind("reason", reason.wireName())
            .bind("now", SqlTime.of(now))
            .map(R2dbcEndpoints::endpoint)
            .one()
            .flatMap(
                before ->
                    db.sql("UPDATE delivery SET state = 'failed', failure_reason = :failure, next_attempt_at = NULL,"
                            + " finished_at = :now, last_error = COALESCE(last_error, 'endpoint disabled')"
                            + " WHERE endpoint_id = :id AND state = 'pending'")
                        .bind("failure", failure)
                        .bind("now", SqlTime.of(now))
                        .bind("id", endpointId)
                        .then()
                        .thenReturn(before));
    return tx.transactional(disabling);
  }

  @Override
  public Mono<Endpoint> enable(String appId, UUID endpointId, Instant now) {
    return db.sql("UPDATE endpoint SET status = 'enabled', disabled_reason = NULL, disabled_at = NULL, failing_since = NULL,"
            + " updated_at = :now WHERE endpoint_id = :id AND app_id = :app AND status <> 'deleted' RETURNING " + COLUMNS)
        .bind("id", endpointId)
        .bind("app", appId)
        .bind("now", SqlTime.of(now))
        .map(R2dbcEndpoints::endpoint)
        .one();
  }

  @Override
  public Mono<Boolean> delete(String appId, UUID endpointId, Instant now) {
    Mono<Boolean> deleting =
        db.sql("UPDATE endpoint SET status = 'deleted', updated_at = :now WHERE endpoint_id = :id AND app_id = :app"
                + " AND status <> 'deleted'")
            .bind("id", endpointId)
            .bind("app", appId)
            .bind("now", SqlTime.of(now))
            .fetch()
            .rowsUpdated()
            .flatMap(
                n -> n == 0
                    ? Mono.just(false)
                    : db.sql("UPDATE delivery SET state = 'cancelled', next_attempt_at = NULL, finished_at = :now"
                            + " WHERE endpoint_id = :id AND state = 'pending'")
                        .bind("now", SqlTime.of(now))
                        .bind("id", endpointId)
                        .then()
                        .thenReturn(true));
    return tx.transactional(deleting);
  }

  @Override
  public Mono<Integer> rotateSecret(UUID endpointId, Sealed secret, Instant now, Instant previousExpireAt) {
    Mono<Integer> rotation =
        db.sql("UPDATE endpoint SET secret_version = secret_version + 1, updated_at = :now WHERE endpoint_id = :id"
                + " RETURNING secret_version")
            .bind("id", endpointId)
            .bind("now", SqlTime.of(now))
            .map(row -> row.get(0, Integer.class))
            .one()
            .flatMap(
                version ->
                    db.sql("UPDATE endpoint_secret SET expires_at = LEAST(COALESCE(expires_at, :expire), :expire)"
                            + " WHERE endpoint_id = :id AND (expires_at IS NULL OR expires_at > :now)")
                        .bind("expire", SqlTime.of(previousExpireAt))
                        .bind("now", SqlTime.of(now))
                        .bind("id", endpointId)
                        .then()
                        .then(insertSecret(endpointId, version, secret, now))
                        .thenReturn(version));
    return tx.transactional(rotation);
  }

  @Override
  public Mono<List<StoredSecret>> signingSecrets(UUID endpointId, Instant now) {
    return db.sql("SELECT version, key_id, nonce, ciphertext, expires_at FROM endpoint_secret WHERE endpoint_id = :id"
            + " AND (expires_at IS NULL OR expires_at > :now) ORDER BY version DESC")
        .bind("id", endpointId)
        .bind("now", SqlTime.of(now))
        .map(
            row ->
                new StoredSecret(
                    row.get("version", Integer.class),
                    new Sealed(row.get("key_id", String.class), bytes(row.get("nonce")), bytes(row.get("ciphertext"))),
                    SqlTime.read(row, "expires_at")))
        .all()
        .collectList();
  }

  static Endpoint endpoint(Readable row) {
    String[] types = row.get("event_types", String[].class);
    String reason = row.get("disabled_reason", String.class);
    return new Endpoint(
        row.get("endpoint_id", UUID.class),
        row.get("app_id", String.class),
        row.get("url", String.class),
        row.get("description", String.class),
        types == null ? Set.of() : Arrays.stream(types).map(t -> EventType.fromWire(t).orElseThrow()).collect(Collectors.toSet()),
        Boolean.TRUE.equals(row.get("ordered", Boolean.class)),
        EndpointStatus.fromWire(row.get("status", String.class)),
        reason == null ? null : DisableReason.fromWire(reason),
        SqlTime.read(row, "disabled_at"),
        SqlTime.read(row, "failing_since"),
        SqlTime.read(row, "created_at"),
        SqlTime.read(row, "updated_at"),
        row.get("secret_version", Integer.class));
  }

  private static String prefixed(String prefix) {
    return Arrays.stream(COLUMNS.split(", ")).map(c -> prefix + c).collect(Collectors.joining(", "));
  }

  private static Object typeNames(Set<EventType> types) {
    return types.isEmpty()
        ? Parameter.empty(String[].class)
        : Parameter.from(types.stream().map(EventType::wireName).sorted().toArray(String[]::new));
  }

  private static Object nullable(String value) {
    return Parameter.fromOrEmpty(value, String.class);
  }



  private static byte[] bytes(Object value) {
    if (value instanceof byte[] b) {
      return b;
    }
    ByteBuffer buffer = (ByteBuffer) value;
    byte[] b = new byte[buffer.remaining()];
    buffer.get(b);
    return b;
  }
}
