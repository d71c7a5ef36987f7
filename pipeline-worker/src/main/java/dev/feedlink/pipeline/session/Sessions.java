package dev.feedlink.pipeline.session;

import dev.feedlink.pipeline.provider.domain.DataType;
import dev.feedlink.pipeline.provider.domain.FetchWindow;
import dev.feedlink.pipeline.provider.domain.RawDocument;
import dev.feedlink.pipeline.session.domain.Kind;
import dev.feedlink.pipeline.session.domain.Progress;
import dev.feedlink.pipeline.session.domain.Step;
import dev.feedlink.platform.crypto.Sealed;
import dev.feedlink.schemas.SessionStatusCode;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * Sessions in PostgreSQL: created by the consumers, claimed by runners with a lease ({@code FOR
 * UPDATE SKIP LOCKED}, so instances never take the same one), and advanced only over the version a
 * step started from.
 */
public final class Sessions {

  /** The session changed under this worker (another took it over, the user disconnected, ...). */
  public static final class ChangedMeanwhile extends RuntimeException {
    public ChangedMeanwhile(UUID sessionId) {
      super("session " + sessionId + " changed meanwhile", null, false, false);
    }
  }

  private static final String COLUMNS =
      "session_id, connection_id, app_id, provider_id, kind, job_id, account_id, data_types, window_from, window_to, step,"
          + " status_code, status_at, due_at, version, progress, access_key_id, access_nonce, access_ciphertext,"
          + " answer_key_id, answer_nonce, answer_ciphertext, callback_secret";

  private final DatabaseClient db;
  private final ObjectMapper json;

  public Sessions(DatabaseClient db, ObjectMapper json) {
    this.db = db;
    this.json = json;
  }

  public Mono<Void> insert(Session s, Instant now) {
    return db.sql("INSERT INTO session (" + COLUMNS + ", created_at, updated_at) VALUES (:id, :connection, :app, :provider, :kind, :job,"
            + " :account, :types, :from, :to, :step, :status, :statusAt, :due, :version, :progress, :accessKey, :accessNonce,"
            + " :accessText, :answerKey, :answerNonce, :answerText, :secret, :now, :now)")
        .bind("id", s.sessionId())
        .bind("connection", s.connectionId())
        .bind("app", s.appId())
        .bind("provider", s.providerId())
        .bind("kind", s.kind().name())
        .bind("job", Parameter.fromOrEmpty(s.jobId(), String.class))
        .bind("account", Parameter.fromOrEmpty(s.accountId(), UUID.class))
        .bind("types", s.dataTypes().stream().map(DataType::wireName).toArray(String[]::new))
        .bind("from", Parameter.fromOrEmpty(s.window() == null ? null : s.window().from(), Instant.class))
        .bind("to", Parameter.fromOrEmpty(s.window() == null ? null : s.window().to(), Instant.class))
        .bind("step", s.step().name())
        .bind("status", s.status().code())
        .bind("statusAt", s.statusAt())
        .bind("due", Parameter.fromOrEmpty(s.dueAt(), Instant.class))
        .bind("version", s.version())
        .bind("progress", Json.of(json.writeValueAsString(s.progress())))
        .bind("accessKey", Parameter.fromOrEmpty(s.access() == null ? null : s.access().keyId(), String.class))
        .bind("accessNonce", Parameter.fromOrEmpty(s.access() == null ? null : s.access().nonce(), byte[].class))
        .bind("accessText", Parameter.fromOrEmpty(s.access() == null ? null : s.access().ciphertext(), byte[].class))
        .bind("answerKey", Parameter.fromOrEmpty(s.answer() == null ? null : s.answer().keyId(), String.class))
        .bind("answerNonce", Parameter.fromOrEmpty(s.answer() == null ? null : s.answer().nonce(), byte[].class))
        .bind("answerText", Parameter.fromOrEmpty(s.answer() == null ? null : s.answer().ciphertext(), byte[].class))
        .bind("secret", Parameter.fromOrEmpty(s.callbackSecret(), String.class))
        .bind("now", now)
        .then();
  }

  public Mono<Session> find(UUID sessionId) {
    return db.sql("SELECT " + COLUMNS + " FROM session WHERE session_id = :id").bind("id", sessionId).map(this::read).one();
  }

  /**
   * Takes up to {@code limit} due sessions no live worker holds, for {@code owner} until {@code
   * until}; never one of {@code running} (this worker's own, whatever their lease says).
   */
  public Flux<Session> claimDue(String owner, Instant now, Instant until, int limit, List<UUID> running) {
    return db.sql("UPDATE session SET lease_owner = :owner, lease_until = :until WHERE session_id IN ("
            + " SELECT session_id FROM session WHERE step <> 'DONE' AND due_at IS NOT NULL AND due_at <= :now"
            + " AND (lease_until IS NULL OR lease_until < :now) AND NOT (session_id = ANY(:running::uuid[]))"
            + " ORDER BY due_at LIMIT :limit FOR UPDATE SKIP LOCKED)"
            + " RETURNING " + COLUMNS)
        .bind("owner", owner)
        .bind("running", running.stream().map(UUID::toString).toArray(String[]::new))
        .bind("until", until)
        .bind("now", now)
        .bind("limit", limit)
        .map(this::read)
        .all();
  }

  /** Keeps the sessions this worker is running. */
  public Mono<Long> renew(String owner, List<UUID> ids, Instant until) {
    if (ids.isEmpty()) {
      return Mono.just(0L);
    }
    return db.sql("UPDATE session SET lease_until = :until WHERE lease_owner = :owner AND session_id = ANY(:ids::uuid[])")
        .bind("until", until)
        .bind("owner", owner)
        .bind("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
        .fetch()
        .rowsUpdated();
  }

  /** Gives a session back (after a failure worth retrying), due again at {@code due}. */
  public Mono<Void> release(UUID sessionId, String owner, Instant due) {
    return db.sql("UPDATE session SET lease_owner = NULL, lease_until = NULL, due_at = :due WHERE session_id = :id AND lease_owner = :owner")
        .bind("due", due)
        .bind("id", sessionId)
        .bind("owner", owner)
        .then();
  }

  /** Hands back every session this worker holds (it is stopping), due at once for others. */
  public Mono<Void> releaseAll(String owner, Instant now) {
    return db.sql("UPDATE session SET lease_owner = NULL, lease_until = NULL, due_at = LEAST(due_at, :now) WHERE lease_owner = :owner")
        .bind("owner", owner)
        .bind("now", now)
        .then();
  }

  /**
   * Writes {@code after} over {@code before} if nothing changed it meanwhile (and, with an {@code
   * owner}, if that worker still holds it), else fails with {@link ChangedMeanwhile}. The lease is
   * kept until {@code leaseUntil}, or dropped when that is null.
   */
  public Mono<Session> advance(Session before, Session after, String owner, Instant leaseUntil, Instant now) {
    String guard = owner == null ? "" : " AND lease_owner = :owner";
    DatabaseClient.GenericExecuteSpec update = db.sql("UPDATE session SET step = :step, status_code = :status, status_at = :statusAt,"
            + " due_at = :due, progress = :progress, window_from = :from, window_to = :to, access_key_id = :accessKey,"
            + " access_nonce = :accessNonce, access_ciphertext = :accessText, answer_key_id = :answerKey, answer_nonce = :answerNonce,"
            + " answer_ciphertext = :answerText, lease_owner = :newOwner, lease_until = :until, version = version + 1, updated_at = :now"
            + " WHERE session_id = :id AND version = :version" + guard)
        .bind("step", after.step().name())
        .bind("status", after.status().code())
        .bind("statusAt", after.statusAt())
        .bind("due", Parameter.fromOrEmpty(after.isDone() ? null : after.dueAt(), Instant.class))
        .bind("progress", Json.of(json.writeValueAsString(after.progress())))
        .bind("from", Parameter.fromOrEmpty(after.window() == null ? null : after.window().from(), Instant.class))
        .bind("to", Parameter.fromOrEmpty(after.window() == null ? null : after.window().to(), Instant.class))
        .bind("accessKey", Parameter.fromOrEmpty(after.access() == null ? null : after.access().keyId(), String.class))
        .bind("accessNonce", Parameter.fromOrEmpty(after.access() == null ? null : after.access().nonce(), byte[].class))
        .bind("accessText", Parameter.fromOrEmpty(after.access() == null ? null : after.access().ciphertext(), byte[].class))
        .bind("answerKey", Parameter.fromOrEmpty(after.answer() == null ? null : after.answer().keyId(), String.class))
        .bind("answerNonce", Parameter.fromOrEmpty(after.answer() == null ? null : after.answer().nonce(), byte[].class))
        .bind("answerText", Parameter.fromOrEmpty(after.answer() == null ? null : after.answer().ciphertext(), byte[].class))
        .bind("newOwner", Parameter.fromOrEmpty(leaseUntil == null ? null : owner, String.class))
        .bind("until", Parameter.fromOrEmpty(leaseUntil, Instant.class))
        .bind("now", now)
        .bind("id", before.sessionId())
        .bind("version", before.version());
    if (owner != null) {
      update = update.bind("owner", owner);
    }
    return update.fetch().rowsUpdated().flatMap(n -> n == 1
        ? Mono.just(after.withVersion(before.version() + 1))
        : Mono.error(new ChangedMeanwhile(before.sessionId())));
  }

  /** Sessions of a connection that have not ended. */
  public Flux<Session> openOf(UUID connectionId) {
    return db.sql("SELECT " + COLUMNS + " FROM session WHERE connection_id = :c AND step <> 'DONE' ORDER BY created_at FOR UPDATE")
        .bind("c", connectionId)
        .map(this::read)
        .all();
  }

  /**
   * Sessions that have not changed status since {@code before} and wait for nothing the user must
   * do (a question has its own deadline). Candidates only: ending one is guarded by its version.
   */
  public Flux<Session> stalledCandidates(Instant before, int limit) {
    return db.sql("SELECT " + COLUMNS + " FROM session WHERE step <> 'DONE' AND step <> 'AWAIT_INPUT' AND status_at < :before"
            + " ORDER BY status_at LIMIT :limit")
        .bind("before", before)
        .bind("limit", limit)
        .map(this::read)
        .all();
  }

  // --- raw documents ---------------------------------------------------------------------------

  public Mono<Void> saveDocuments(UUID sessionId, List<RawDocument> documents) {
    return db.sql("DELETE FROM raw_document WHERE session_id = :id").bind("id", sessionId).then()
        .thenMany(Flux.range(0, documents.size()).concatMap(i -> db.sql(
                "INSERT INTO raw_document (session_id, seq, kind, account_number, content) VALUES (:id, :seq, :kind, :account, :content)")
            .bind("id", sessionId)
            .bind("seq", i)
            .bind("kind", documents.get(i).kind())
            .bind("account", Parameter.fromOrEmpty(documents.get(i).accountNumber(), String.class))
            .bind("content", documents.get(i).content())
            .then()))
        .then();
  }

  public Mono<List<RawDocument>> documents(UUID sessionId) {
    return db.sql("SELECT kind, account_number, content FROM raw_document WHERE session_id = :id ORDER BY seq")
        .bind("id", sessionId)
        .map(row -> new RawDocument(row.get("kind", String.class), row.get("account_number", String.class), bytes(row.get("content"))))
        .all()
        .collectList();
  }

  public Mono<Void> dropDocuments(UUID sessionId) {
    return db.sql("DELETE FROM raw_document WHERE session_id = :id").bind("id", sessionId).then();
  }

  // --- reading rows ----------------------------------------------------------------------------

  private Session read(Readable row) {
    Instant from = row.get("window_from", Instant.class);
    return new Session(
        row.get("session_id", UUID.class),
        row.get("connection_id", UUID.class),
        row.get("app_id", String.class),
        row.get("provider_id", UUID.class),
        Kind.valueOf(row.get("kind", String.class)),
        row.get("job_id", String.class),
        row.get("account_id", UUID.class),
        Arrays.stream(row.get("data_types", String[].class)).map(t -> DataType.ofWireName(t).orElseThrow()).toList(),
        from == null ? null : new FetchWindow(from, row.get("window_to", Instant.class)),
        Step.valueOf(row.get("step", String.class)),
        SessionStatusCode.ofCode(row.get("status_code", Integer.class)).orElseThrow(),
        row.get("status_at", Instant.class),
        row.get("due_at", Instant.class),
        row.get("version", Long.class),
        json.readValue(row.get("progress", Json.class).asString(), Progress.class),
        sealed(row, "access"),
        sealed(row, "answer"),
        row.get("callback_secret", String.class));
  }

  private static Sealed sealed(Readable row, String prefix) {
    String keyId = row.get(prefix + "_key_id", String.class);
    return keyId == null ? null : new Sealed(keyId, bytes(row.get(prefix + "_nonce")), bytes(row.get(prefix + "_ciphertext")));
  }

  static byte[] bytes(Object value) {
    if (value instanceof byte[] b) {
      return b;
    }
    if (value instanceof ByteBuffer buffer) {
      byte[] b = new byte[buffer.remaining()];
      buffer.get(b);
      return b;
    }
    throw new IllegalStateException("unexpected binary value " + value);
  }
}
