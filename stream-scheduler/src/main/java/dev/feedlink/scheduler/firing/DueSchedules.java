package dev.feedlink.scheduler.firing;

import dev.feedlink.scheduler.schedule.R2dbcStreamAccounts;
import dev.feedlink.scheduler.schedule.domain.StreamAccount;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The due-schedule index and the bulk writes of a firing transaction. Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}: any number of instances claim at once, each row goes to one of
 * them, and the lock holds until that instance's transaction (which writes the jobs to the outbox)
 * commits - so a run fires exactly once.
 */
final class DueSchedules {

  /** A run that fires: the account's next run and the job it starts. */
  record Started(UUID accountId, Instant nextRunAt, UUID jobId, Instant scheduledFor, long lateByMillis) {}

  /** A run that was skipped: the account's next run. */
  record Skipped(UUID accountId, Instant nextRunAt) {}

  private final DatabaseClient db;

  DueSchedules(DatabaseClient db) {
    this.db = db;
  }

  /** Claims up to {@code limit} schedules due at {@code now}, earliest first. */
  Flux<StreamAccount> claim(Instant now, int limit) {
    return db.sql(
            "SELECT " + R2dbcStreamAccounts.COLUMNS + " FROM stream_account"
                + " WHERE next_run_at <= :now ORDER BY next_run_at LIMIT :limit FOR UPDATE SKIP LOCKED")
        .bind("now", R2dbcStreamAccounts.at(now))
        .bind("limit", limit)
        .map(row -> R2dbcStreamAccounts.account(row))
        .all();
  }

  /** When the earliest schedule comes due, if any does. */
  Mono<Instant> earliestDue() {
    return db.sql("SELECT next_run_at FROM stream_account WHERE next_run_at IS NOT NULL ORDER BY next_run_at LIMIT 1")
        .map(row -> row.get(0, OffsetDateTime.class))
        .one()
        .map(OffsetDateTime::toInstant);
  }

  Mono<Void> start(List<Started> runs, Instant now) {
    if (runs.isEmpty()) {
      return Mono.empty();
    }
    int n = runs.size();
    UUID[] ids = new UUID[n];
    String[] next = new String[n];
    UUID[] jobs = new UUID[n];
    String[] scheduledFor = new String[n];
    Long[] late = new Long[n];
    for (int i = 0; i < n; i++) {
      Started r = runs.get(i);
      ids[i] = r.accountId();
      next[i] = r.nextRunAt() == null ? null : r.nextRunAt().toString();
      jobs[i] = r.jobId();
      scheduledFor[i] = r.scheduledFor().toString();
      late[i] = r.lateByMillis();
    }
    return db.sql(
            "UPDATE stream_account s SET next_run_at = v.next_run_at, job_id = v.job_id, job_trigger = 'SCHEDULED',"
                + " job_data_type = s.data_type, job_scheduled_for = v.scheduled_for, job_fired_at = :now,"
                + " job_late_by_ms = v.late_by, updated_at = :now"
                + " FROM unnest(CAST(:ids AS uuid[]), CAST(:next AS timestamptz[]), CAST(:jobs AS uuid[]),"
                + "   CAST(:for AS timestamptz[]), CAST(:late AS bigint[])) AS v(account_id, next_run_at, job_id, scheduled_for, late_by)"
                + " WHERE s.account_id = v.account_id")
        .bind("ids", ids)
        .bind("next", next)
        .bind("jobs", jobs)
        .bind("for", scheduledFor)
        .bind("late", late)
        .bind("now", R2dbcStreamAccounts.at(now))
        .then();
  }

  Mono<Void> skip(List<Skipped> runs, Instant now) {
    if (runs.isEmpty()) {
      return Mono.empty();
    }
    int n = runs.size();
    UUID[] ids = new UUID[n];
    String[] next = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = runs.get(i).accountId();
      next[i] = runs.get(i).nextRunAt() == null ? null : runs.get(i).nextRunAt().toString();
    }
    return db.sql(
            "UPDATE stream_account s SET next_run_at = v.next_run_at, updated_at = :now"
                + " FROM unnest(CAST(:ids AS uuid[]), CAST(:next AS timestamptz[])) AS v(account_id, next_run_at)"
                + " WHERE s.account_id = v.account_id")
        .bind("ids", ids)
        .bind("next", next)
        .bind("now", R2dbcStreamAccounts.at(now))
        .then();
  }
}
