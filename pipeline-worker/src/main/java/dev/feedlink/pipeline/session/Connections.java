package dev.feedlink.pipeline.session;

import dev.feedlink.platform.crypto.Sealed;
import dev.feedlink.platform.crypto.SecretCipher;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import reactor.core.publisher.Mono;

/**
 * The connections the pipeline serves, with its own sealed copy of each one's credentials (the
 * JSON {@code {"username","password"}}), bound to the connection by the associated data.
 */
public final class Connections {

  /** A connection as the pipeline holds it. Credentials stay sealed until a login opens them. */
  public record Connection(
      UUID connectionId, String appId, UUID providerId, String userId, String username, Sealed credentials,
      List<String> selectedAccounts, Instant disconnectedAt) {

    public boolean isDisconnected() {
      return disconnectedAt != null;
    }
  }

  private final DatabaseClient db;
  private final SecretCipher cipher;

  public Connections(DatabaseClient db, SecretCipher cipher) {
    this.db = db;
    this.cipher = cipher;
  }

  public static String credentialsBinding(UUID connectionId) {
    return "credentials:" + connectionId;
  }

  /**
   * Records a connection (a repaired one keeps its row); new credentials, already opened, are
   * sealed here and replace the held ones; without them the held ones stay.
   */
  public Mono<Void> save(UUID connectionId, String appId, UUID providerId, String userId, String username, String credentialsJson, Instant now) {
    Sealed sealed = credentialsJson == null ? null : cipher.seal(credentialsJson, credentialsBinding(connectionId));
    return db.sql("INSERT INTO connection (connection_id, app_id, provider_id, user_id, username, credentials_key_id, credentials_nonce,"
            + " credentials_ciphertext, created_at, updated_at) VALUES (:id, :app, :provider, :user, :username, :key, :nonce, :text, :now, :now)"
            + " ON CONFLICT (connection_id) DO UPDATE SET app_id = EXCLUDED.app_id, provider_id = EXCLUDED.provider_id,"
            + " user_id = EXCLUDED.user_id, username = COALESCE(EXCLUDED.username, connection.username),"
            + " credentials_key_id = COALESCE(EXCLUDED.credentials_key_id, connection.credentials_key_id),"
            + " credentials_nonce = COALESCE(EXCLUDED.credentials_nonce, connection.credentials_nonce),"
            + " credentials_ciphertext = COALESCE(EXCLUDED.credentials_ciphertext, connection.credentials_ciphertext),"
            + " disconnected_at = NULL, updated_at = EXCLUDED.updated_at")
        .bind("id", connectionId)
        .bind("app", appId)
        .bind("provider", providerId)
        .bind("user", userId)
        .bind("username", Parameter.fromOrEmpty(username, String.class))
        .bind("key", Parameter.fromOrEmpty(sealed == null ? null : sealed.keyId(), String.class))
        .bind("nonce", Parameter.fromOrEmpty(sealed == null ? null : sealed.nonce(), byte[].class))
        .bind("text", Parameter.fromOrEmpty(sealed == null ? null : sealed.ciphertext(), byte[].class))
        .bind("now", now)
        .then();
  }

  public Mono<Connection> find(UUID connectionId) {
    return db.sql("SELECT connection_id, app_id, provider_id, user_id, username, credentials_key_id, credentials_nonce,"
            + " credentials_ciphertext, selected_accounts, disconnected_at FROM connection WHERE connection_id = :id")
        .bind("id", connectionId)
        .map(row -> {
          String keyId = row.get("credentials_key_id", String.class);
          String[] selected = row.get("selected_accounts", String[].class);
          return new Connection(
              row.get("connection_id", UUID.class),
              row.get("app_id", String.class),
              row.get("provider_id", UUID.class),
              row.get("user_id", String.class),
              row.get("username", String.class),
              keyId == null ? null : new Sealed(keyId, Sessions.bytes(row.get("credentials_nonce")), Sessions.bytes(row.get("credentials_ciphertext"))),
              selected == null ? List.of() : Arrays.asList(selected),
              row.get("disconnected_at", Instant.class));
        })
        .one();
  }

  /** Opens the held credentials (JSON); only a login calls this, and never logs the result. */
  public String open(Connection connection) {
    return cipher.openString(connection.credentials(), credentialsBinding(connection.connectionId()));
  }

  public Mono<Void> saveSelection(UUID connectionId, List<String> accountNumbers, Instant now) {
    return db.sql("UPDATE connection SET selected_accounts = :selected, updated_at = :now WHERE connection_id = :id")
        .bind("selected", accountNumbers.toArray(String[]::new))
        .bind("now", now)
        .bind("id", connectionId)
        .then();
  }

  /** Forgets the credentials: a disconnected connection can no longer be refreshed. */
  public Mono<Void> disconnect(UUID connectionId, Instant now) {
    return db.sql("UPDATE connection SET credentials_key_id = NULL, credentials_nonce = NULL, credentials_ciphertext = NULL,"
            + " selected_accounts = NULL, disconnected_at = :now, updated_at = :now WHERE connection_id = :id")
        .bind("now", now)
        .bind("id", connectionId)
        .then();
  }
}
