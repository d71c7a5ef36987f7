package dev.feedlink.connection.connections;

import dev.feedlink.connection.connections.domain.Account;
import dev.feedlink.connection.connections.domain.Connection;
import dev.feedlink.connection.connections.domain.ConnectionProjection;
import dev.feedlink.connection.connections.domain.ConnectionState;
import dev.feedlink.connection.connections.domain.Context;
import dev.feedlink.connection.connections.domain.Extraction;
import dev.feedlink.connection.connections.domain.PageCursor;
import dev.feedlink.connection.connections.domain.Prompt;
import dev.feedlink.connection.connections.domain.StatusReason;
import dev.feedlink.platform.crypto.Sealed;
import dev.feedlink.connection.readcache.ChangeFeed;
import dev.feedlink.connection.readcache.ReadCache;
import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

final class R2dbcConnections implements Connections {

  private static final String COLUMNS =
      "connection_id, app_id, provider_id, user_id, username, requested_scopes, metrics, stream_enabled,"
          + " created_at, state, status_reason, status_timestamp, connected_at, disconnected_at, granted_scopes,"
          + " extraction_json, prompt_json, prompt_answered_at, current_session_id, current_session_open, last_sequence";
  private static final TypeReference<List<Extraction>> EXTRACTIONS = new TypeReference<>() {};

  private static final String CHANGED = "connection:";
  private static final String TOKENS_CHANGED = "connection-tokens";

  private final DatabaseClient db;
  private final JsonMapper json;
  private final ChangeFeed changes;
  private final ReadCache<UUID, Connection> byId;
  private final ReadCache<ByteBuffer, TokenOwner> tokens;

  R2dbcConnections(DatabaseClient db, JsonMapper json, ChangeFeed changes) {
    this.db = db;
    this.json = json;
    this.changes = changes;
    this.byId = new ReadCache<>(100_000, Duration.ofSeconds(30), changes::listening);
    this.tokens = new ReadCache<>(100_000, Duration.ofSeconds(30), changes::listening);
    changes.subscribe(
        key -> {
          if (key.startsWith(CHANGED)) {
            byId.evict(UUID.fromString(key.substring(CHANGED.length())));
          } else if (key.equals(TOKENS_CHANGED)) {
            tokens.clear();
          }
        },
        () -> {
          byId.clear();
          tokens.clear();
        });
  }

  private Mono<Void> changed(UUID connectionId) {
    return changes.announce(CHANGED + connectionId);
  }

  @Override
  public Mono<Void> insert(Connection c, Sealed credentials) {
    ConnectionProjection p = c.projection();
    return db.sql(
            "INSERT INTO connection (connection_id, app_id, provider_id, user_id, username, requested_scopes,"
                + " metrics, stream_enabled, credentials_key_id, credentials_nonce, credentials_ciphertext,"
                + " created_at, state, connection_status, status_reason, status_timestamp, current_session_id)"
                + " VALUES (:id, :app, :provider, :user, :username, :scopes, :metrics, :stream, :keyId, :nonce,"
                + " :ciphertext, :createdAt, :state, :status, :reason, :statusAt, :session)")
        .bind("id", c.connectionId())
        .bind("app", c.appId())
        .bind("provider", c.providerId())
        .bind("user", c.userId())
        .bind("username", c.username())
        .bind("scopes", Parameter.fromOrEmpty(array(c.requestedScopes()), String[].class))
        .bind("metrics", Parameter.fromOrEmpty(array(c.metrics()), String[].class))
        .bind("stream", c.streamEnabled())
        .bind("keyId", credentials.keyId())
        .bind("nonce", credentials.nonce())
        .bind("ciphertext", credentials.ciphertext())
        .bind("createdAt", time(c.createdAt()))
        .bind("state", p.state().name())
        .bind("status", p.context().status().name())
        .bind("reason", p.context().reason().name())
        .bind("statusAt", time(p.context().timestamp()))
        .bind("session", p.currentSessionId())
        .then()
        .then(changed(c.connectionId()));
  }

  /** Served from the read cache, which every change evicts on every instance. */
  @Override
  public Mono<Connection> find(UUID appId, UUID connectionId) {
    return byId.get(connectionId, () -> load(connectionId)).filter(c -> c.appId().equals(appId));
  }

  private Mono<Connection> load(UUID connectionId) {
    return db.sql("SELECT " + COLUMNS + " FROM connection WHERE connection_id = :id")
        .bind("id", connectionId)
        .map(this::connection)
        .one()
        .flatMap(this::withAccounts);
  }

  @Override
  public Mono<Connection> lock(UUID connectionId) {
    return db.sql("SELECT " + COLUMNS + " FROM connection WHERE connection_id = :id FOR UPDATE")
        .bind("id", connectionId)
        .map(this::connection)
        .one()
        .flatMap(this::withAccounts);
  }

  @Override
  public Mono<Connection> lockLogin(UUID appId, UUID userId, UUID providerId, String username) {
    return db.sql(
            "SELECT " + COLUMNS + " FROM connection WHERE app_id = :app AND user_id = :user"
                + " AND provider_id = :provider AND username = :username FOR UPDATE")
        .bind("app", appId)
        .bind("user", userId)
        .bind("provider", providerId)
        .bind("username", username)
        .map(this::connection)
        .one()
        .flatMap(this::withAccounts);
  }

  @Override
  public Mono<Void> update(Connection c) {
    ConnectionProjection p = c.projection();
    Mono<Void> row =
        db.sql(
                "UPDATE connection SET requested_scopes = :scopes, metrics = :metrics, stream_enabled = :stream,"
                    + " state = :state, connection_status = :status, status_reason = :reason,"
                    + " status_timestamp = :statusAt, connected_at = :connectedAt,"
                    + " disconnected_at = :disconnectedAt, granted_scopes = :granted, extraction_json = :extraction,"
                    + " prompt_json = :prompt, prompt_answered_at = :answeredAt, current_session_id = :session,"
                    + " current_session_open = :open, last_sequence = :sequence WHERE connection_id = :id")
            .bind("id", c.connectionId())
            .bind("scopes", Parameter.fromOrEmpty(array(c.requestedScopes()), String[].class))
            .bind("metrics", Parameter.fromOrEmpty(array(c.metrics()), String[].class))
            .bind("stream", c.streamEnabled())
            .bind("state", p.state().name())
            .bind("status", p.context().status().name())
            .bind("reason", p.context().reason().name())
            .bind("statusAt", time(p.context().timestamp()))
            .bind("connectedAt", Parameter.fromOrEmpty(time(p.connectedAt()), OffsetDateTime.class))
            .bind("disconnectedAt", Parameter.fromOrEmpty(time(p.disconnectedAt()), OffsetDateTime.class))
            .bind("granted", Parameter.fromOrEmpty(array(p.grantedScopes()), String[].class))
            .bind("extraction", json.writeValueAsString(List.copyOf(p.extraction().values())))
            .bind("prompt", Parameter.fromOrEmpty(p.prompt() == null ? null : json.writeValueAsString(p.prompt()), String.class))
            .bind("answeredAt", Parameter.fromOrEmpty(time(p.promptAnsweredAt()), OffsetDateTime.class))
            .bind("session", p.currentSessionId())
            .bind("open", p.currentSessionOpen())
            .bind("sequence", p.lastSequence())
            .then();
    return row.then(replaceAccounts(c)).then(changed(c.connectionId()));
  }

  private Mono<Void> replaceAccounts(Connection c) {
    Mono<Void> delete =
        db.sql("DELETE FROM connection_account WHERE connection_id = :id").bind("id", c.connectionId()).then();
    if (c.accounts().isEmpty()) {
      return delete;
    }
    List<Account> accounts = c.accounts();
    String[] ids = accounts.stream().map(Account::accountId).toArray(String[]::new);
    String[] numbers = accounts.stream().map(Account::accountNumber).toArray(String[]::new);
    String[] names = accounts.stream().map(Account::name).toArray(String[]::new);
    String[] kinds = accounts.stream().map(Account::kind).toArray(String[]::new);
    return delete.then(
        db.sql(
                "INSERT INTO connection_account (connection_id, position, account_id, account_number, name, kind)"
                    + " SELECT :id, a.ord, a.account_id, a.account_number, a.name, a.kind"
                    + " FROM unnest(:ids::text[], :numbers::text[], :names::text[], :kinds::text[])"
                    + " WITH ORDINALITY AS a(account_id, account_number, name, kind, ord)")
            .bind("id", c.connectionId())
            .bind("ids", ids)
            .bind("numbers", numbers)
            .bind("names", names)
            .bind("kinds", kinds)
            .then());
  }

  @Override
  public Mono<Void> replaceCredentials(UUID connectionId, Sealed credentials) {
    return db.sql(
            "UPDATE connection SET credentials_key_id = :keyId, credentials_nonce = :nonce,"
                + " credentials_ciphertext = :ciphertext WHERE connection_id = :id")
        .bind("id", connectionId)
        .bind("keyId", credentials.keyId())
        .bind("nonce", credentials.nonce())
        .bind("ciphertext", credentials.ciphertext())
        .then()
        .then(changed(connectionId));
  }

  @Override
  public Mono<Sealed> credentials(UUID connectionId) {
    return db.sql(
            "SELECT credentials_key_id, credentials_nonce, credentials_ciphertext FROM connection"
                + " WHERE connection_id = :id AND credentials_ciphertext IS NOT NULL")
        .bind("id", connectionId)
        .map(row -> new Sealed(
            row.get("credentials_key_id", String.class),
            row.get("credentials_nonce", byte[].class),
            row.get("credentials_ciphertext", byte[].class)))
        .one();
  }

  @Override
  public Mono<Void> dropCredentials(UUID connectionId) {
    return db.sql(
            "UPDATE connection SET credentials_key_id = NULL, credentials_nonce = NULL,"
                + " credentials_ciphertext = NULL WHERE connection_id = :id")
        .bind("id", connectionId)
        .then()
        .then(changed(connectionId));
  }

  @Override
  public Mono<Void> saveToken(UUID connectionId, UUID appId, byte[] tokenHash, Instant at) {
    return db.sql(
            "INSERT INTO connection_token (token_hash, connection_id, app_id, created_at)"
                + " VALUES (:hash, :id, :app, :at) ON CONFLICT (connection_id)"
                + " DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = EXCLUDED.created_at")
        .bind("hash", tokenHash)
        .bind("id", connectionId)
        .bind("app", appId)
        .bind("at", time(at))
        .then()
        .then(changes.announce(TOKENS_CHANGED));
  }

  @Override
  public Mono<TokenOwner> tokenOwner(byte[] tokenHash) {
    return tokens.get(
        ByteBuffer.wrap(tokenHash),
        () -> db.sql("SELECT app_id, connection_id FROM connection_token WHERE token_hash = :hash")
            .bind("hash", tokenHash)
            .map(row -> new TokenOwner(row.get("app_id", UUID.class), row.get("connection_id", UUID.class)))
            .one());
  }

  @Override
  public Mono<Void> dropToken(UUID connectionId) {
    return db.sql("DELETE FROM connection_token WHERE connection_id = :id")
        .bind("id", connectionId)
        .then()
        .then(changes.announce(TOKENS_CHANGED));
  }

  @Override
  public Flux<Connection> page(UUID appId, Filter filter, PageCursor after, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM connection WHERE app_id = :app");
    Map<String, Object> binds = new LinkedHashMap<>();
    binds.put("app", appId);
    if (filter.state() != null) {
      sql.append(" AND state = :state");
      binds.put("state", filter.state());
    }
    if (filter.connectionStatus() != null) {
      sql.append(" AND connection_status = :status");
      binds.put("status", filter.connectionStatus());
    }
    if (filter.reason() != null) {
      sql.append(" AND status_reason = :reason");
      binds.put("reason", filter.reason());
    }
    if (filter.providerId() != null) {
      sql.append(" AND provider_id = :provider");
      binds.put("provider", filter.providerId());
    }
    if (filter.userId() != null) {
      sql.append(" AND user_id = :user");
      binds.put("user", filter.userId());
    }
    if (after != null) {
      sql.append(" AND (created_at, connection_id) > (:afterAt, :afterId)");
      binds.put("afterAt", time(after.createdAt()));
      binds.put("afterId", after.connectionId());
    }
    sql.append(" ORDER BY created_at, connection_id LIMIT :limit");
    binds.put("limit", limit);
    DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString());
    for (Map.Entry<String, Object> bind : binds.entrySet()) {
      spec = spec.bind(bind.getKey(), bind.getValue());
    }
    return spec.map(this::connection).all().collectList().flatMapMany(this::withAccounts);
  }

  private Mono<Connection> withAccounts(Connection c) {
    return withAccounts(List.of(c)).next();
  }

  private Flux<Connection> withAccounts(List<Connection> connections) {
    if (connections.isEmpty()) {
      return Flux.empty();
    }
    UUID[] ids = connections.stream().map(Connection::connectionId).toArray(UUID[]::new);
    return db.sql(
            "SELECT connection_id, account_id, account_number, name, kind FROM connection_account"
                + " WHERE connection_id = ANY(:ids) ORDER BY connection_id, position")
        .bind("ids", ids)
        .map(
            row ->
                Map.entry(
                    row.get("connection_id", UUID.class),
                    new Account(
                        row.get("account_id", String.class),
                        row.get("account_number", String.class),
                        row.get("name", String.class),
                        row.get("kind", String.class))))
        .all()
        .collect(
            Collectors.groupingBy(
                Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())))
        .flatMapMany(
            byConnection ->
                Flux.fromIterable(connections)
                    .map(c -> c.withAccounts(byConnection.getOrDefault(c.connectionId(), List.of()))));
  }

  private Connection connection(Readable row) {
    String prompt = row.get("prompt_json", String.class);
    List<Extraction> extraction = json.readValue(row.get("extraction_json", String.class), EXTRACTIONS);
    ConnectionProjection projection =
        new ConnectionProjection(
            ConnectionState.valueOf(row.get("state", String.class)),
            new Context(StatusReason.valueOf(row.get("status_reason", String.class)), instant(row, "status_timestamp")),
            instant(row, "connected_at"),
            instant(row, "disconnected_at"),
            list(row.get("granted_scopes", String[].class)),
            extraction.stream().collect(Collectors.toMap(Extraction::dataType, Function.identity())),
            prompt == null ? null : json.readValue(prompt, Prompt.class),
            instant(row, "prompt_answered_at"),
            row.get("current_session_id", UUID.class),
            Boolean.TRUE.equals(row.get("current_session_open", Boolean.class)),
            row.get("last_sequence", Long.class));
    return new Connection(
        row.get("connection_id", UUID.class),
        row.get("app_id", UUID.class),
        row.get("provider_id", UUID.class),
        row.get("user_id", UUID.class),
        row.get("username", String.class),
        list(row.get("requested_scopes", String[].class)),
        list(row.get("metrics", String[].class)),
        Boolean.TRUE.equals(row.get("stream_enabled", Boolean.class)),
        instant(row, "created_at"),
        projection,
        List.of());
  }

  private static Instant instant(Readable row, String column) {
    OffsetDateTime value = row.get(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static List<String> list(String[] values) {
    return values == null ? null : Arrays.asList(values);
  }

  private static String[] array(Collection<String> values) {
    return values == null ? null : values.toArray(String[]::new);
  }

  static OffsetDateTime time(Instant at) {
    return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }
}
