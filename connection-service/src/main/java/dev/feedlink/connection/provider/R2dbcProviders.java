package dev.feedlink.connection.provider;

import dev.feedlink.connection.readcache.ChangeFeed;
import dev.feedlink.connection.readcache.ReadCache;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

final class R2dbcProviders implements Providers {

  private static final String CHANGED = "providers";

  private final DatabaseClient db;
  private final ChangeFeed changes;
  private final ReadCache<UUID, Provider> byId;

  R2dbcProviders(DatabaseClient db, ChangeFeed changes) {
    this.db = db;
    this.changes = changes;
    this.byId = new ReadCache<>(10_000, Duration.ofMinutes(5), changes::listening);
    changes.subscribe(key -> {
      if (key.equals(CHANGED)) {
        byId.clear();
      }
    }, byId::clear);
  }

  @Override
  public Mono<Void> catalogue(Provider p, Instant at) {
    // The catalogue topic is compacted and re-read from the start: an older entry never
    // overwrites a newer one.
    return db.sql(
            "INSERT INTO provider (provider_id, name, kind, country, data_types, login_method, catalogued_at)"
                + " VALUES (:id, :name, :kind, :country, :types, :login, :at)"
                + " ON CONFLICT (provider_id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,"
                + " country = EXCLUDED.country, data_types = EXCLUDED.data_types,"
                + " login_method = EXCLUDED.login_method, catalogued_at = EXCLUDED.catalogued_at"
                + " WHERE provider.catalogued_at <= EXCLUDED.catalogued_at")
        .bind("id", p.providerId())
        .bind("name", p.name())
        .bind("kind", p.kind())
        .bind("country", p.country())
        .bind("types", p.dataTypes().toArray(String[]::new))
        .bind("login", p.loginMethod())
        .bind("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
        .then()
        .then(changes.announce(CHANGED));
  }

  @Override
  public Mono<Provider> find(UUID providerId) {
    return byId.get(
        providerId,
        () -> db.sql("SELECT * FROM provider WHERE provider_id = :id").bind("id", providerId).map(R2dbcProviders::provider).one());
  }

  @Override
  public Flux<Provider> all() {
    return db.sql("SELECT * FROM provider ORDER BY name, provider_id").map(R2dbcProviders::provider).all();
  }

  private static Provider provider(Readable row) {
    return new Provider(
        row.get("provider_id", UUID.class),
        row.get("name", String.class),
        row.get("kind", String.class),
        row.get("country", String.class),
        Arrays.asList(row.get("data_types", String[].class)),
        row.get("login_method", String.class));
  }
}
