package dev.feedlink.scheduler.attempt.domain;

import dev.feedlink.scheduler.schedule.domain.InFlightJob;
import dev.feedlink.scheduler.schedule.domain.RefreshTrigger;
import java.time.Instant;
import java.util.UUID;

/** A refresh attempt that ended, or a run that was skipped, and when the account is tried next. */
public record Attempt(
    UUID jobId,
    UUID accountId,
    RefreshTrigger trigger,
    String dataType,
    Instant scheduledFor,
    Instant firedAt,
    long lateByMillis,
    AttemptResult result,
    boolean freshData,
    Instant completedAt,
    Integer code,
    String message,
    Boolean mfaRequired,
    Instant mfaLastPrompt,
    String mfaFailureReason,
    Instant nextScheduledAttempt) {

  /** The job {@code job} of {@code accountId} ended with {@code outcome}. */
  public static Attempt of(UUID accountId, InFlightJob job, RefreshOutcome outcome, Instant nextAttempt) {
    Integer code = null;
    String message = null;
    Boolean mfaRequired = null;
    Instant mfaLastPrompt = null;
    String mfaFailureReason = null;
    boolean fresh = false;
    if (outcome instanceof RefreshOutcome.Delivered delivered) {
      fresh = delivered.fresh();
    } else if (outcome instanceof RefreshOutcome.LoginRefused refused) {
      code = refused.code();
      message = refused.message();
      mfaRequired = refused.mfaRequired();
      mfaLastPrompt = refused.mfaLastPrompt();
      mfaFailureReason = refused.mfaFailureReason();
    } else if (outcome instanceof RefreshOutcome.Failed failed) {
      message = failed.message();
    }
    return new Attempt(
        job.jobId(), accountId, job.trigger(), job.dataType(), job.scheduledFor(), job.firedAt(), job.lateByMillis(),
        outcome.result(), fresh, outcome.at(), code, message, mfaRequired, mfaLastPrompt, mfaFailureReason, nextAttempt);
  }

  /** A run due at {@code scheduledFor} that was not fired because a refresh was in flight. */
  public static Attempt skipped(UUID accountId, String dataType, Instant scheduledFor, Instant now, Instant next) {
    return new Attempt(
        UUID.randomUUID(), accountId, RefreshTrigger.SCHEDULED, dataType, scheduledFor, null,
        Math.max(0, now.toEpochMilli() - scheduledFor.toEpochMilli()), AttemptResult.SKIPPED, false, now,
        null, "a refresh was still in flight", null, null, null, next);
  }

  /** The same attempt with the details of a later, more telling outcome merged in. */
  public Attempt mergedWith(Attempt later) {
    if (later.result.outranks(result)) {
      return new Attempt(
          jobId, accountId, trigger, dataType, scheduledFor, firedAt, lateByMillis, later.result,
          freshData || later.freshData, later.completedAt, later.code, later.message, later.mfaRequired,
          later.mfaLastPrompt, later.mfaFailureReason, nextScheduledAttempt);
    }
    return freshData || !later.freshData ? this : new Attempt(
        jobId, accountId, trigger, dataType, scheduledFor, firedAt, lateByMillis, result, true, completedAt, code,
        message, mfaRequired, mfaLastPrompt, mfaFailureReason, nextScheduledAttempt);
  }
}
