package dev.feedlink.connection.app;

import dev.feedlink.connection.readcache.ChangeFeed;
import dev.feedlink.connection.readcache.ReadCache;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

final class R2dbcApps implements Apps {

  private static final String TOKENS_CHANGED = "api-tokens";

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final ChangeFeed changes;
  private final ReadCache<ByteBuffer, UUID> tokens;

  R2dbcApps(DatabaseClient db, TransactionalOperator tx, ChangeFeed changes) {
    this.db = db;
    this.tx = tx;
    this.changes = changes;
    this.tokens = new ReadCache<>(10_000, Duration.ofSeconds(30), changes::listening);
    changes.subscribe(key -> {
      if (key.equals(TOKENS_CHANGED)) {
        tokens.clear();
      }
    }, tokens::clear);
  }

  @Override
  public Mono<App> create(App app, UUID tokenId, byte[] tokenHash, String hint) {
    Mono<App> insert =
        db.sql("INSERT INTO app (app_id, name, created_at) VALUES (:id, :name, :at)")
            .bind("id", app.appId())
            .bind("name", app.name())
            .bind("at", OffsetDateTime.ofInstant(app.createdAt(), ZoneOffset.UTC))
            .then()
            .then(addToken(app.appId(), tokenId, tokenHash, hint, app.createdAt()))
            .thenReturn(app);
    return tx.transactional(insert);
  }

  @Override
  public Mono<UUID> appOfToken(byte[] tokenHash) {
    // Cached: a revocation evicts it on every instance (ChangeFeed).
    return tokens.get(
        ByteBuffer.wrap(tokenHash),
        () -> db.sql("SELECT app_id FROM api_token WHERE token_hash = :hash AND revoked_at IS NULL")
            .bind("hash", tokenHash)
            .map(row -> row.get("app_id", UUID.class))
            .one());
  }

  @Override
  public Mono<Void> addToken(UUID appId, UUID tokenId, byte[] tokenHash, String hint, Instant at) {
    return db.sql(
            "INSERT INTO api_token (token_id, app_id, token_hash, hint, created_at)"
                + " VALUES (:tokenId, :appId, :hash, :hint, :at)")
        .bind("tokenId", tokenId)
        .bind("appId", appId)
        .bind("hash", tokenHash)
        .bind("hint", hint)
        .bind("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
        .then();
  }

  @Override
  public Mono<App> find(UUID appId) {
    return db.sql("SELECT app_id, name, created_at FROM app WHERE app_id = :id")
        .bind("id", appId)
        .map(
            row ->
                new App(
                    row.get("app_id", UUID.class),
                    row.get("name", String.class),
                    row.get("created_at", OffsetDateTime.class).toInstant()))
        .one();
  }

  @Override
  public Flux<TokenInfo> tokens(UUID appId) {
    return db.sql("SELECT token_id, hint, created_at, revoked_at FROM api_token WHERE app_id = :app ORDER BY created_at")
        .bind("app", appId)
        .map(
            row -> {
              OffsetDateTime revoked = row.get("revoked_at", OffsetDateTime.class);
              return new TokenInfo(
                  row.get("token_id", UUID.class),
                  row.get("hint", String.class),
                  row.get("created_at", OffsetDateTime.class).toInstant(),
                  revoked == null ? null : revoked.toInstant());
            })
        .all();
  }

  @Override
  public Mono<Boolean> revoke(UUID appId, UUID tokenId, Instant at) {
    return db.sql(
            "UPDATE api_token SET revoked_at = :at WHERE app_id = :app AND token_id = :id AND revoked_at IS NULL")
        .bind("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
        .bind("app", appId)
        .bind("id", tokenId)
        .fetch()
        .rowsUpdated()
        .flatMap(n -> changes.announce(TOKENS_CHANGED).thenReturn(n > 0));
  }
}
