package dev.feedlink.scheduler.attempt;

import static dev.feedlink.scheduler.events.EventIds.optionalUuid;
import static dev.feedlink.scheduler.events.EventIds.uuid;

import dev.feedlink.events.AccountData;
import dev.feedlink.events.BillRecord;
import dev.feedlink.events.DataAvailable;
import dev.feedlink.events.NoNewData;
import dev.feedlink.events.ReconnectionFailed;
import dev.feedlink.events.SessionStatusChanged;
import dev.feedlink.platform.kafka.EventEnvelope;
import dev.feedlink.scheduler.attempt.domain.Attempt;
import dev.feedlink.scheduler.attempt.domain.Conclusion;
import dev.feedlink.scheduler.attempt.domain.CredentialBackoff;
import dev.feedlink.scheduler.attempt.domain.RefreshOutcome;

import dev.feedlink.scheduler.events.OutgoingEvents;
import dev.feedlink.scheduler.schedule.StreamAccounts;
import dev.feedlink.scheduler.schedule.domain.StreamAccount;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies the pipeline's answers to the refresh jobs this service requested (they carry its
 * {@code jobId}): the attempt is recorded, the account is free for its next refresh, credential
 * backoff moves its next run, and {@code StreamAttemptRecorded} says what happens next. Bills teach
 * next_bill_date schedules their date.
 *
 * <p>A session of a refresh job has the job id as its session id (docs/events.md); a session that
 * ends in an error no outcome event follows (provider down, pipeline error, timed out) ends its job
 * as {@code failed}.
 */
public final class RefreshOutcomes {

  /** Session errors after which no outcome event comes: Loading/Structuring/Deduplication/Processing error, Timed Out. */
  private static final Set<Integer> ENDING_ERRORS = Set.of(11, 14, 17, 22, 23);
  private static final int ERROR_IN_AUTHORIZATION = 7;

  private final StreamAccounts accounts;
  private final OutgoingEvents events;
  private final CredentialBackoff backoff;
  private final Clock clock;

  public RefreshOutcomes(StreamAccounts accounts, OutgoingEvents events, CredentialBackoff backoff, Clock clock) {
    this.accounts = accounts;
    this.events = events;
    this.backoff = backoff;
    this.clock = clock;
  }

  public Mono<Void> handle(EventEnvelope envelope) {
    Object event = envelope.event();
    if (event instanceof DataAvailable e) {
      return learnBillDates(e).then(optionalUuid(e.getJobId())
          .map(job -> conclude(uuid(e.getConnectionId()), job, new RefreshOutcome.Delivered(e.getOccurredAt(), e.getTotalNewRecords() > 0)))
          .orElse(Mono.empty()));
    }
    if (event instanceof NoNewData e) {
      return optionalUuid(e.getJobId())
          .map(job -> conclude(uuid(e.getConnectionId()), job, new RefreshOutcome.Delivered(e.getOccurredAt(), false)))
          .orElse(Mono.empty());
    }
    if (event instanceof ReconnectionFailed e) {
      RefreshOutcome refused = new RefreshOutcome.LoginRefused(
          e.getLastAttempt(), e.getCode(), e.getMessage(), e.getMfaRequired(), e.getMfaLastPrompt(), e.getMfaFailureReason());
      return optionalUuid(e.getJobId()).map(job -> conclude(uuid(e.getConnectionId()), job, refused)).orElse(Mono.empty());
    }
    return Mono.empty();
  }

  /** A refresh job's session that ended in an error no outcome event follows. */
  public Mono<Void> sessionEnded(SessionStatusChanged e) {
    boolean ends = ENDING_ERRORS.contains(e.getCode())
        || (e.getCode() == ERROR_IN_AUTHORIZATION && e.getFailure() != null && e.getFailure().getRetryable());
    if (!ends) {
      return Mono.empty();
    }
    String why = e.getName() + (e.getFailure() == null ? "" : ": " + e.getFailure().getMessage());
    return optionalUuid(e.getJobId() != null ? e.getJobId() : e.getSessionId())
        .map(job -> conclude(uuid(e.getConnectionId()), job, new RefreshOutcome.Failed(e.getOccurredAt(), why)))
        .orElse(Mono.empty());
  }

  private Mono<Void> conclude(UUID connectionId, UUID jobId, RefreshOutcome outcome) {
    Instant now = clock.instant();
    return accounts.lockByJob(connectionId, jobId)
        .concatMap(account -> {
          Conclusion c = Conclusion.of(account, outcome, backoff, now);
          return accounts.update(c.account(), now)
              .then(accounts.saveAttempt(c.attempt()))
              .then(events.publishAttempt(c.account(), c.attempt(), now))
              .thenReturn(true);
        })
        .hasElements()
        .flatMap(concluded -> concluded ? Mono.<Void>empty() : lateOutcome(jobId, outcome, now));
  }

  /**
   * An outcome for a job that is no longer in flight: a second outcome of the same job, or one that
   * came after the job was taken as lost. The attempt keeps the most telling result.
   */
  private Mono<Void> lateOutcome(UUID jobId, RefreshOutcome outcome, Instant now) {
    return accounts.attempt(jobId)
        .flatMap(existing -> {
          Attempt later = Attempt.of(existing.accountId(), new dev.feedlink.scheduler.schedule.domain.InFlightJob(
              existing.jobId(), existing.trigger(), existing.dataType(), existing.scheduledFor(), existing.firedAt(),
              existing.lateByMillis()), outcome, existing.nextScheduledAttempt());
          Attempt merged = existing.mergedWith(later);
          if (merged.equals(existing)) {
            return Mono.empty();
          }
          return accounts.saveAttempt(merged)
              .then(accounts.find(existing.accountId()))
              .flatMap(account -> events.publishAttempt(account, merged, now));
        });
  }

  private Mono<Void> learnBillDates(DataAvailable e) {
    return Flux.fromIterable(e.getAccounts())
        .concatMap(data -> latestNextBillDate(data)
            .map(date -> accounts.lock(uuid(data.getAccountId()))
                .flatMap(account -> learn(account, date)))
            .orElse(Mono.empty()))
        .then();
  }

  private Mono<Void> learn(StreamAccount account, LocalDate date) {
    if (date.equals(account.nextBillDate())) {
      return Mono.empty();
    }
    Instant now = clock.instant();
    return accounts.update(account.withNextBillDate(date, now), now);
  }

  private static Optional<LocalDate> latestNextBillDate(AccountData data) {
    return data.getBills().stream()
        .map(BillRecord::getNextBillDate)
        .filter(Objects::nonNull)
        .max(Comparator.naturalOrder());
  }
}
