package dev.feedlink.scheduler.attempt.domain;

import dev.feedlink.scheduler.schedule.domain.InFlightJob;
import dev.feedlink.scheduler.schedule.domain.Schedule;
import dev.feedlink.scheduler.schedule.domain.StreamAccount;
import java.time.Instant;
import java.util.Optional;

/**
 * What the end of an account's refresh in flight changes: the attempt to record, and the account
 * with its next run - pushed back by {@link CredentialBackoff} after a refused login, back on its
 * schedule after one that worked.
 */
public record Conclusion(StreamAccount account, Attempt attempt) {

  public static Conclusion of(StreamAccount account, RefreshOutcome outcome, CredentialBackoff backoff, Instant now) {
    InFlightJob job = account.job();
    if (job == null) {
      throw new IllegalStateException("account " + account.accountId() + " has no refresh in flight");
    }
    Optional<Schedule> schedule = account.schedule();
    int failures = account.credentialFailures();
    Instant pausedAt = account.pausedAt();
    Instant next = account.nextRunAt();
    if (outcome instanceof RefreshOutcome.LoginRefused) {
      failures++;
      next = schedule.flatMap(s -> backoff.nextAttempt(s, job.scheduledFor(), account.credentialFailures() + 1, account.jitterSeed(), now)).orElse(null);
      pausedAt = backoff.pauses(failures) ? now : null;
    } else if (outcome instanceof RefreshOutcome.Delivered) {
      if (failures > 0 || pausedAt != null) {
        next = schedule.flatMap(s -> s.nextAfter(now, account.jitterSeed())).orElse(null);
      }
      failures = 0;
      pausedAt = null;
    }
    Instant nextAttempt = account.active() ? next : null;
    Attempt attempt = Attempt.of(account.accountId(), job, outcome, nextAttempt);
    return new Conclusion(account.concluded(job.jobId(), next, failures, pausedAt), attempt);
  }
}
