package dev.feedlink.connection.idempotency;

import dev.feedlink.platform.crypto.Sealed;
import dev.feedlink.platform.crypto.SecretCipher;
import dev.feedlink.platform.web.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} for POSTs: the first response to a key is stored in the transaction that
 * did the work, so a retry (or a concurrent duplicate) gets the same answer and does nothing twice.
 * Stored responses are sealed, since they may hold a token shown once.
 */
public final class IdempotentRequests {

  public static final String HEADER = "Idempotency-Key";
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";
  private static final int MAX_KEY_LENGTH = 255;

  private record Stored(byte[] requestHash, int status, Sealed body) {}

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final SecretCipher cipher;
  private final JsonMapper json;
  private final Clock clock;

  public IdempotentRequests(DatabaseClient db, TransactionalOperator tx, SecretCipher cipher, JsonMapper json, Clock clock) {
    this.db = db;
    this.tx = tx;
    this.cipher = cipher;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Runs {@code work} once per key and app.
   *
   * @param fingerprint what identifies the request (without its secrets): the same key with another
   *     fingerprint is refused
   */
  public Mono<ResponseEntity<Object>> once(
      UUID appId, String key, String fingerprint, Supplier<Mono<ResponseEntity<Object>>> work) {
    if (key == null) {
      return work.get();
    }
    if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
      return Mono.error(ApiProblem.invalidField(HEADER, HEADER + " must be 1 to " + MAX_KEY_LENGTH + " characters"));
    }
    byte[] hash = sha256(fingerprint);
    Mono<ResponseEntity<Object>> first =
        tx.transactional(work.get().flatMap(response -> store(appId, key, hash, response).thenReturn(response)));
    return find(appId, key)
        .map(stored -> replay(appId, key, hash, stored))
        .switchIfEmpty(Mono.defer(() -> first))
        // A concurrent request with the same key won (its work collided with ours and rolled ours
        // back): answer what it answered. Any other failure stands.
        .onErrorResume(
            e -> !(e instanceof ApiProblem),
            e -> find(appId, key).map(stored -> replay(appId, key, hash, stored)).switchIfEmpty(Mono.error(e)));
  }

  private Mono<Stored> find(UUID appId, String key) {
    return db.sql(
            "SELECT request_hash, status, response_key_id, response_nonce, response_ciphertext FROM idempotent_request"
                + " WHERE app_id = :app AND idempotency_key = :key")
        .bind("app", appId)
        .bind("key", key)
        .map(
            row ->
                new Stored(
                    row.get("request_hash", byte[].class),
                    row.get("status", Integer.class),
                    new Sealed(
                        row.get("response_key_id", String.class),
                        row.get("response_nonce", byte[].class),
                        row.get("response_ciphertext", byte[].class))))
        .one();
  }

  private Mono<Void> store(UUID appId, String key, byte[] hash, ResponseEntity<Object> response) {
    Sealed body = cipher.seal(json.writeValueAsBytes(response.getBody()), associatedData(appId, key));
    return db.sql(
            "INSERT INTO idempotent_request (app_id, idempotency_key, request_hash, status, response_key_id,"
                + " response_nonce, response_ciphertext, created_at) VALUES (:app, :key, :hash, :status, :keyId,"
                + " :nonce, :ciphertext, :at)")
        .bind("app", appId)
        .bind("key", key)
        .bind("hash", hash)
        .bind("status", response.getStatusCode().value())
        .bind("keyId", body.keyId())
        .bind("nonce", body.nonce())
        .bind("ciphertext", body.ciphertext())
        .bind("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .then();
  }

  private ResponseEntity<Object> replay(UUID appId, String key, byte[] hash, Stored stored) {
    if (!MessageDigest.isEqual(hash, stored.requestHash())) {
      throw new ApiProblem(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "Idempotency-Key reused",
          HEADER + " '" + key + "' was used for a different request; use a new key for a new request",
          HEADER,
          null);
    }
    JsonNode body = json.readTree(cipher.open(stored.body(), associatedData(appId, key)));
    return ResponseEntity.status(stored.status())
        .contentType(MediaType.APPLICATION_JSON)
        .header(REPLAYED_HEADER, "true")
        .body(body);
  }

  private static String associatedData(UUID appId, String key) {
    return "idempotency:" + appId + ":" + key;
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
