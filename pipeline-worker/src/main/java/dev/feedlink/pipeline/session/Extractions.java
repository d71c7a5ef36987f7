package dev.feedlink.pipeline.session;

import dev.feedlink.events.ExtractionState;
import dev.feedlink.events.ExtractionStatus;
import dev.feedlink.pipeline.provider.domain.DataType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Seed 001's per-data-type extraction state of each connection: the outcome of the latest session
 * for each type, and when it last succeeded, which a failure keeps.
 */
final class Extractions {

  private final DatabaseClient db;

  Extractions(DatabaseClient db) {
    this.db = db;
  }

  /** Records the outcome of {@code sessionId} for each type; returns the states as events carry them. */
  Mono<List<ExtractionState>> record(UUID connectionId, List<DataType> types, boolean success, UUID sessionId, Instant now) {
    return Flux.fromIterable(types)
        .concatMap(type -> db.sql("INSERT INTO extraction_state (connection_id, data_type, status, reference_id, last_success, last_updated)"
                + " VALUES (:c, :t, :status, :ref, CASE WHEN :success THEN :now END, :now)"
                + " ON CONFLICT (connection_id, data_type) DO UPDATE SET status = EXCLUDED.status, reference_id = EXCLUDED.reference_id,"
                + " last_success = COALESCE(EXCLUDED.last_success, extraction_state.last_success), last_updated = EXCLUDED.last_updated"
                + " RETURNING last_success")
            .bind("c", connectionId)
            .bind("t", type.extractionKey())
            .bind("status", success ? "SUCCESS" : "FAILURE")
            .bind("ref", sessionId.toString())
            .bind("success", success)
            .bind("now", now)
            .map(row -> java.util.Optional.ofNullable(row.get("last_success", Instant.class)))
            .one()
            .map(lastSuccess -> ExtractionState.newBuilder()
                .setDataType(type.extractionKey())
                .setStatus(success ? ExtractionStatus.SUCCESS : ExtractionStatus.FAILURE)
                .setReferenceId(sessionId.toString())
                .setLastSuccess(lastSuccess.orElse(null))
                .setLastUpdated(now)
                .build()))
        .collectList();
  }
}
