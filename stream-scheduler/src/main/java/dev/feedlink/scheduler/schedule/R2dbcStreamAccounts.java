package dev.feedlink.scheduler.schedule;

import dev.feedlink.scheduler.attempt.domain.Attempt;
import dev.feedlink.scheduler.attempt.domain.AttemptResult;
import dev.feedlink.scheduler.schedule.domain.InFlightJob;
import dev.feedlink.scheduler.schedule.domain.RefreshTrigger;
import dev.feedlink.scheduler.schedule.domain.ScheduleType;
import dev.feedlink.scheduler.schedule.domain.StreamAccount;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@link StreamAccounts} in the scheduler's PostgreSQL schema. */
public final class R2dbcStreamAccounts implements StreamAccounts {

  public static final String COLUMNS =
      "account_id, app_id, connection_id, account_number, data_types, active, set_by_client, schedule_type,"
          + " data_type, schedule_details::text AS schedule_details, next_bill_date, bill_anchor_day, next_run_at,"
          + " job_id, job_trigger, job_data_type, job_scheduled_for, job_fired_at, job_late_by_ms,"
          + " credential_failures, paused_at, last_job_id";

  private static final String OF_CONNECTION = "(SELECT account_id FROM account_ref WHERE connection_id = :c)";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final DatabaseClient db;

  public R2dbcStreamAccounts(DatabaseClient db) {
    this.db = db;
  }

  @Override
  public Mono<Void> link(UUID appId, UUID connectionId, List<LinkedAccount> accounts, Instant now) {
    Mono<Void> connection =
        db.sql("INSERT INTO stream_connection (connection_id, app_id) VALUES (:c, :a) ON CONFLICT (connection_id) DO NOTHING")
            .bind("c", connectionId)
            .bind("a", appId)
            .then();
    Flux<Long> rows =
        Flux.fromIterable(accounts)
            .concatMap(
                a -> db.sql(
                        "INSERT INTO account_ref (account_id, app_id, connection_id, account_number)"
                            + " VALUES (:id, :app, :conn, :number)"
                            + " ON CONFLICT (account_id) DO UPDATE SET account_number = EXCLUDED.account_number")
                    .bind("id", a.accountId())
                    .bind("app", appId)
                    .bind("conn", connectionId)
                    .bind("number", a.accountNumber())
                    .then()
                    .then(db.sql(
                        "INSERT INTO stream_account (account_id, app_id, connection_id, account_number, data_types, active, updated_at)"
                            + " SELECT :id, :app, :conn, :number, :types,"
                            + "   COALESCE(c.stream_enabled, true) AND c.disconnected_at IS NULL, :now"
                            + " FROM stream_connection c WHERE c.connection_id = :conn"
                            + " ON CONFLICT (account_id) DO UPDATE SET account_number = EXCLUDED.account_number,"
                            + "   data_types = EXCLUDED.data_types, updated_at = EXCLUDED.updated_at")
                    .bind("id", a.accountId())
                    .bind("app", appId)
                    .bind("conn", connectionId)
                    .bind("number", a.accountNumber())
                    .bind("types", a.dataTypes().toArray(String[]::new))
                    .bind("now", at(now))
                    .fetch()
                    .rowsUpdated()));
    return connection.thenMany(rows).then();
  }

  @Override
  public Flux<UUID> resolve(UUID appId, String reference) {
    UUID id = parseUuid(reference);
    Flux<UUID> byId =
        id == null
            ? Flux.empty()
            : db.sql("SELECT account_id FROM account_ref WHERE account_id = :id AND app_id = :app")
                .bind("id", id)
                .bind("app", appId)
                .map(row -> row.get(0, UUID.class))
                .all();
    Flux<UUID> byNumber =
        db.sql("SELECT account_id FROM account_ref WHERE app_id = :app AND account_number = :n ORDER BY account_id")
            .bind("app", appId)
            .bind("n", reference)
            .map(row -> row.get(0, UUID.class))
            .all();
    return byId.switchIfEmpty(byNumber);
  }

  @Override
  public Mono<StreamAccount> find(UUID accountId) {
    return db.sql("SELECT " + COLUMNS + " FROM stream_account WHERE account_id = :id")
        .bind("id", accountId)
        .map(row -> account(row))
        .one();
  }

  @Override
  public Mono<StreamAccount> lock(UUID accountId) {
    return db.sql("SELECT " + COLUMNS + " FROM stream_account WHERE account_id = :id FOR UPDATE")
        .bind("id", accountId)
        .map(row -> account(row))
        .one();
  }

  @Override
  public Flux<StreamAccount> lockConnection(UUID connectionId) {
    return db.sql("SELECT " + COLUMNS + " FROM stream_account WHERE account_id IN " + OF_CONNECTION
            + " ORDER BY account_id FOR UPDATE")
        .bind("c", connectionId)
        .map(row -> account(row))
        .all();
  }

  @Override
  public Flux<StreamAccount> lockByJob(UUID connectionId, UUID jobId) {
    return db.sql("SELECT " + COLUMNS + " FROM stream_account WHERE account_id IN " + OF_CONNECTION
            + " AND job_id = :job FOR UPDATE")
        .bind("c", connectionId)
        .bind("job", jobId)
        .map(row -> account(row))
        .all();
  }

  @Override
  public Flux<StreamAccount> lockAll(List<UUID> accountIds) {
    if (accountIds.isEmpty()) {
      return Flux.empty();
    }
    // In id order, so two transactions locking overlapping sets cannot deadlock.
    return db.sql("SELECT " + COLUMNS + " FROM stream_account WHERE account_id = ANY(:ids) ORDER BY account_id FOR UPDATE")
        .bind("ids", accountIds.toArray(UUID[]::new))
        .map(row -> account(row))
        .all();
  }

  @Override
  public Mono<Void> update(StreamAccount a, Instant now) {
    InFlightJob job = a.job();
    return db.sql(
            "UPDATE stream_account SET active = :active, set_by_client = :byClient, schedule_type = :type,"
                + " data_type = :dataType, schedule_details = CAST(:details AS jsonb), next_bill_date = :bill,"
                + " bill_anchor_day = :anchor, next_run_at = :next, job_id = :jobId, job_trigger = :jobTrigger,"
                + " job_data_type = :jobDataType, job_scheduled_for = :jobFor, job_fired_at = :jobAt,"
                + " job_late_by_ms = :jobLate, credential_failures = :failures, paused_at = :paused,"
                + " last_job_id = :lastJob, updated_at = :now WHERE account_id = :id")
        .bind("active", a.active())
        .bind("byClient", a.setByClient())
        .bind("type", Parameter.fromOrEmpty(a.scheduleType() == null ? null : a.scheduleType().wireName(), String.class))
        .bind("dataType", Parameter.fromOrEmpty(a.dataType(), String.class))
        .bind("details", JSON.writeValueAsString(a.details()))
        .bind("bill", Parameter.fromOrEmpty(a.nextBillDate(), LocalDate.class))
        .bind("anchor", Parameter.fromOrEmpty(a.billAnchorDay() == null ? null : a.billAnchorDay().shortValue(), Short.class))
        .bind("next", Parameter.fromOrEmpty(at(a.nextRunAt()), OffsetDateTime.class))
        .bind("jobId", Parameter.fromOrEmpty(job == null ? null : job.jobId(), UUID.class))
        .bind("jobTrigger", Parameter.fromOrEmpty(job == null ? null : job.trigger().name(), String.class))
        .bind("jobDataType", Parameter.fromOrEmpty(job == null ? null : job.dataType(), String.class))
        .bind("jobFor", Parameter.fromOrEmpty(job == null ? null : at(job.scheduledFor()), OffsetDateTime.class))
        .bind("jobAt", Parameter.fromOrEmpty(job == null ? null : at(job.firedAt()), OffsetDateTime.class))
        .bind("jobLate", Parameter.fromOrEmpty(job == null ? null : job.lateByMillis(), Long.class))
        .bind("failures", a.credentialFailures())
        .bind("paused", Parameter.fromOrEmpty(at(a.pausedAt()), OffsetDateTime.class))
        .bind("lastJob", Parameter.fromOrEmpty(a.lastJobId(), UUID.class))
        .bind("now", at(now))
        .bind("id", a.accountId())
        .then();
  }

  @Override
  public Mono<Attempt> attempt(UUID jobId) {
    return db.sql("SELECT * FROM stream_attempt WHERE job_id = :id").bind("id", jobId).map(row -> attempt(row)).one();
  }

  @Override
  public Mono<Void> saveAttempt(Attempt a) {
    return db.sql(
            "INSERT INTO stream_attempt (job_id, account_id, trigger, data_type, scheduled_for, fired_at, late_by_ms,"
                + " result, fresh_data, completed_at, code, message, mfa_required, mfa_last_prompt, mfa_failure_reason,"
                + " next_scheduled_attempt) VALUES (:job, :account, :trigger, :dataType, :for, :fired, :late, :result,"
                + " :fresh, :completed, :code, :message, :mfa, :mfaPrompt, :mfaReason, :next)"
                + " ON CONFLICT (job_id) DO UPDATE SET result = EXCLUDED.result, fresh_data = EXCLUDED.fresh_data,"
                + " completed_at = EXCLUDED.completed_at, code = EXCLUDED.code, message = EXCLUDED.message,"
                + " mfa_required = EXCLUDED.mfa_required, mfa_last_prompt = EXCLUDED.mfa_last_prompt,"
                + " mfa_failure_reason = EXCLUDED.mfa_failure_reason, next_scheduled_attempt = EXCLUDED.next_scheduled_attempt")
        .bind("job", a.jobId())
        .bind("account", a.accountId())
        .bind("trigger", a.trigger().name())
        .bind("dataType", Parameter.fromOrEmpty(a.dataType(), String.class))
        .bind("for", at(a.scheduledFor()))
        .bind("fired", Parameter.fromOrEmpty(at(a.firedAt()), OffsetDateTime.class))
        .bind("late", a.lateByMillis())
        .bind("result", a.result().wireName())
        .bind("fresh", a.freshData())
        .bind("completed", at(a.completedAt()))
        .bind("code", Parameter.fromOrEmpty(a.code(), Integer.class))
        .bind("message", Parameter.fromOrEmpty(a.message(), String.class))
        .bind("mfa", Parameter.fromOrEmpty(a.mfaRequired(), Boolean.class))
        .bind("mfaPrompt", Parameter.fromOrEmpty(at(a.mfaLastPrompt()), OffsetDateTime.class))
        .bind("mfaReason", Parameter.fromOrEmpty(a.mfaFailureReason(), String.class))
        .bind("next", Parameter.fromOrEmpty(at(a.nextScheduledAttempt()), OffsetDateTime.class))
        .then();
  }

  @Override
  public Mono<Void> connectionCreated(UUID connectionId, UUID appId, boolean streamEnabled) {
    Mono<Void> upsert =
        db.sql(
                "INSERT INTO stream_connection (connection_id, app_id, stream_enabled) VALUES (:c, :a, :e)"
                    + " ON CONFLICT (connection_id) DO UPDATE SET stream_enabled = EXCLUDED.stream_enabled")
            .bind("c", connectionId)
            .bind("a", appId)
            .bind("e", streamEnabled)
            .then();
    if (streamEnabled) {
      return upsert;
    }
    // Accounts linked before this event arrived started with Stream on: turn it off unless the
    // app has set it itself since.
    return upsert.then(
        db.sql(
                "UPDATE stream_account SET active = false, next_run_at = NULL"
                    + " WHERE account_id IN " + OF_CONNECTION + " AND NOT set_by_client")
            .bind("c", connectionId)
            .then());
  }

  @Override
  public Mono<Void> connectionDisconnected(UUID connectionId, UUID appId, Instant at) {
    return db.sql(
            "INSERT INTO stream_connection (connection_id, app_id, disconnected_at) VALUES (:c, :a, :at)"
                + " ON CONFLICT (connection_id) DO UPDATE SET disconnected_at = EXCLUDED.disconnected_at")
        .bind("c", connectionId)
        .bind("a", appId)
        .bind("at", Parameter.fromOrEmpty(at(at), OffsetDateTime.class))
        .then();
  }

  @Override
  public Mono<Boolean> isDisconnected(UUID connectionId) {
    return db.sql("SELECT disconnected_at IS NOT NULL FROM stream_connection WHERE connection_id = :c")
        .bind("c", connectionId)
        .map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
        .one()
        .defaultIfEmpty(false);
  }

  public static StreamAccount account(Readable row) {
    UUID jobId = row.get("job_id", UUID.class);
    InFlightJob job =
        jobId == null
            ? null
            : new InFlightJob(
                jobId,
                RefreshTrigger.valueOf(row.get("job_trigger", String.class)),
                row.get("job_data_type", String.class),
                instant(row, "job_scheduled_for"),
                instant(row, "job_fired_at"),
                row.get("job_late_by_ms", Long.class));
    String type = row.get("schedule_type", String.class);
    Short anchor = row.get("bill_anchor_day", Short.class);
    Integer failures = row.get("credential_failures", Integer.class);
    String[] dataTypes = row.get("data_types", String[].class);
    return new StreamAccount(
        row.get("account_id", UUID.class),
        row.get("app_id", UUID.class),
        row.get("connection_id", UUID.class),
        row.get("account_number", String.class),
        dataTypes == null ? List.of() : Arrays.asList(dataTypes),
        Boolean.TRUE.equals(row.get("active", Boolean.class)),
        Boolean.TRUE.equals(row.get("set_by_client", Boolean.class)),
        type == null ? null : ScheduleType.fromWire(type).orElseThrow(),
        row.get("data_type", String.class),
        details(row.get("schedule_details", String.class)),
        row.get("next_bill_date", LocalDate.class),
        anchor == null ? null : anchor.intValue(),
        instant(row, "next_run_at"),
        job,
        failures == null ? 0 : failures,
        instant(row, "paused_at"),
        row.get("last_job_id", UUID.class));
  }

  static Map<String, Object> details(String json) {
    return json == null || json.isBlank() ? Map.of() : JSON.readValue(json, MAP);
  }

  static String json(Map<String, Object> details) {
    return JSON.writeValueAsString(details);
  }

  private static Attempt attempt(Readable row) {
    return new Attempt(
        row.get("job_id", UUID.class),
        row.get("account_id", UUID.class),
        RefreshTrigger.valueOf(row.get("trigger", String.class)),
        row.get("data_type", String.class),
        instant(row, "scheduled_for"),
        instant(row, "fired_at"),
        row.get("late_by_ms", Long.class),
        AttemptResult.fromWire(row.get("result", String.class)),
        Boolean.TRUE.equals(row.get("fresh_data", Boolean.class)),
        instant(row, "completed_at"),
        row.get("code", Integer.class),
        row.get("message", String.class),
        row.get("mfa_required", Boolean.class),
        instant(row, "mfa_last_prompt"),
        row.get("mfa_failure_reason", String.class),
        instant(row, "next_scheduled_attempt"));
  }

  static Instant instant(Readable row, String column) {
    OffsetDateTime value = row.get(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  public static OffsetDateTime at(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static UUID parseUuid(String value) {
    try {
      return value.length() == 36 ? UUID.fromString(value) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
