package dev.feedlink.pipeline.processing;

import dev.feedlink.pipeline.analytics.domain.AccountUsage;
import dev.feedlink.pipeline.analytics.domain.ProcessingSubstage;
import dev.feedlink.pipeline.analytics.domain.UsageKind;
import dev.feedlink.pipeline.analytics.domain.UsageUnit;
import io.r2dbc.postgresql.codec.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * The substages' reports, stored as JSON (snake_case, as the data API serves them), the latest per
 * account and substage; and each account's average daily usage for benchmarking.
 */
public final class ProcessingResults {

  /** One stored report. */
  public record Result(String substage, UUID sessionId, Instant computedAt, String json) {}

  private final DatabaseClient db;
  private final ObjectMapper snakeCase;

  public ProcessingResults(DatabaseClient db, ObjectMapper snakeCase) {
    this.db = db;
    this.snakeCase = snakeCase;
  }

  /** One substage's report, to store. */
  public record Report(ProcessingSubstage substage, Object report) {}

  /** Stores an account's reports of one session in one statement. */
  public Mono<Void> saveAll(UUID accountId, UUID sessionId, java.util.List<Report> reports, Instant now) {
    String[] substages = reports.stream().map(r -> r.substage().seedName()).toArray(String[]::new);
    String[] documents = reports.stream().map(r -> snakeCase.writeValueAsString(r.report())).toArray(String[]::new);
    return db.sql("INSERT INTO processing_result (account_id, substage, session_id, computed_at, result)"
            + " SELECT :a, u.s, :session, :now, u.r::jsonb FROM unnest(:substages::text[], :results::text[]) AS u(s, r)"
            + " ON CONFLICT (account_id, substage) DO UPDATE SET session_id = EXCLUDED.session_id, computed_at = EXCLUDED.computed_at,"
            + " result = EXCLUDED.result")
        .bind("a", accountId)
        .bind("session", sessionId)
        .bind("now", now)
        .bind("substages", substages)
        .bind("results", documents)
        .then();
  }

  public Mono<Void> saveUsage(AccountUsage usage, Instant now) {
    return db.sql("INSERT INTO account_usage (account_id, provider_id, kind, average_daily_usage, unit, computed_at)"
            + " VALUES (:a, :p, :k, :u, :unit, :now) ON CONFLICT (account_id) DO UPDATE SET average_daily_usage = EXCLUDED.average_daily_usage,"
            + " unit = EXCLUDED.unit, kind = EXCLUDED.kind, computed_at = EXCLUDED.computed_at")
        .bind("a", UUID.fromString(usage.accountId()))
        .bind("p", UUID.fromString(usage.providerId()))
        .bind("k", usage.kind().name())
        .bind("u", org.springframework.r2dbc.core.Parameter.fromOrEmpty(usage.averageDailyUsage(), BigDecimal.class))
        .bind("unit", usage.unit().symbol())
        .bind("now", now)
        .then();
  }

  public Mono<AccountUsage> usageOf(UUID accountId) {
    return db.sql("SELECT account_id, provider_id, kind, average_daily_usage, unit FROM account_usage WHERE account_id = :a")
        .bind("a", accountId)
        .map(ProcessingResults::usage)
        .one();
  }

  /** Every stored usage of the subject's provider and kind (the computation leaves the subject out). */
  public Mono<List<AccountUsage>> peersOf(AccountUsage subject) {
    return db.sql("SELECT account_id, provider_id, kind, average_daily_usage, unit FROM account_usage WHERE provider_id = :p AND kind = :k")
        .bind("p", UUID.fromString(subject.providerId()))
        .bind("k", subject.kind().name())
        .map(ProcessingResults::usage)
        .all()
        .collectList();
  }

  private static AccountUsage usage(io.r2dbc.spi.Readable row) {
    return new AccountUsage(
        row.get("account_id", UUID.class).toString(),
        row.get("provider_id", UUID.class).toString(),
        UsageKind.valueOf(row.get("kind", String.class)),
        row.get("average_daily_usage", BigDecimal.class),
        UsageUnit.fromSymbol(row.get("unit", String.class)));
  }

  /** The latest report of each substage for an account, in substage order. */
  public Mono<List<Result>> of(UUID accountId) {
    return db.sql("SELECT substage, session_id, computed_at, result FROM processing_result WHERE account_id = :a")
        .bind("a", accountId)
        .map(row -> new Result(row.get("substage", String.class), row.get("session_id", UUID.class), row.get("computed_at", Instant.class),
            row.get("result", Json.class).asString()))
        .all()
        .sort(java.util.Comparator.comparingInt(r -> order(r.substage())))
        .collectList();
  }

  private static int order(String substage) {
    for (ProcessingSubstage s : ProcessingSubstage.values()) {
      if (s.seedName().equals(substage)) {
        return s.ordinal();
      }
    }
    return Integer.MAX_VALUE;
  }
}
