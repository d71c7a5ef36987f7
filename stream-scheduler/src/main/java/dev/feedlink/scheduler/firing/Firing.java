package dev.feedlink.scheduler.firing;

import dev.feedlink.platform.outbox.OutboxRelay;
import dev.feedlink.scheduler.attempt.domain.Attempt;
import dev.feedlink.scheduler.events.OutgoingEvents;
import dev.feedlink.scheduler.firing.domain.DueRun;
import dev.feedlink.scheduler.schedule.StreamAccounts;
import dev.feedlink.scheduler.schedule.StreamScheduling;
import dev.feedlink.scheduler.schedule.domain.InFlightJob;
import dev.feedlink.scheduler.schedule.domain.RefreshTrigger;
import dev.feedlink.scheduler.schedule.domain.StreamAccount;
import dev.feedlink.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Fires one batch of due schedules in one transaction: claims them, starts a refresh job for each
 * (or records the run as skipped while the previous refresh is in flight), moves each to its next
 * run computed from now - so a run missed during downtime fires once, late, saying how late - and
 * writes the jobs to the outbox.
 */
public final class Firing {

  private final DueSchedules due;
  private final OutboxBatch outbox;
  private final StreamAccounts accounts;
  private final StreamScheduling scheduling;
  private final OutgoingEvents events;
  private final TransactionalOperator tx;
  private final OutboxRelay relay;
  private final Clock clock;
  private final int batchSize;
  private final Duration inFlightTimeout;
  private final Counter fired;
  private final Counter skipped;
  private final Timer lateness;

  Firing(
      DueSchedules due,
      OutboxBatch outbox,
      StreamAccounts accounts,
      StreamScheduling scheduling,
      OutgoingEvents events,
      TransactionalOperator tx,
      OutboxRelay relay,
      Clock clock,
      int batchSize,
      Duration inFlightTimeout,
      MeterRegistry meters) {
    this.due = due;
    this.outbox = outbox;
    this.accounts = accounts;
    this.scheduling = scheduling;
    this.events = events;
    this.tx = tx;
    this.relay = relay;
    this.clock = clock;
    this.batchSize = batchSize;
    this.inFlightTimeout = inFlightTimeout;
    this.fired = Counter.builder("feedlink.scheduler.fired").description("refresh jobs started by schedules").register(meters);
    this.skipped = Counter.builder("feedlink.scheduler.skipped").description("runs skipped, a refresh in flight").register(meters);
    this.lateness = Timer.builder("feedlink.scheduler.lateness").description("how late schedules fired").register(meters);
  }

  /** Fires what is due now, one batch; emits how many runs were handled (fired or skipped). */
  public Mono<Integer> fireDue() {
    Instant now = clock.instant();
    Mono<Integer> batch = due.claim(now, batchSize).collectList().flatMap(claimed -> fire(claimed, now));
    return tx.transactional(batch).doOnNext(n -> {
      if (n > 0) {
        relay.wake();
      }
    });
  }

  /** When the earliest schedule comes due, if any does. */
  public Mono<Instant> earliestDue() {
    return due.earliestDue();
  }

  private Mono<Integer> fire(List<StreamAccount> claimed, Instant now) {
    if (claimed.isEmpty()) {
      return Mono.just(0);
    }
    List<DueSchedules.Started> started = new ArrayList<>(claimed.size());
    List<OutboxBatch.Entry> jobs = new ArrayList<>(claimed.size());
    List<DueSchedules.Skipped> skips = new ArrayList<>();
    List<Attempt> skippedAttempts = new ArrayList<>();
    List<StreamAccount> skippedAccounts = new ArrayList<>();
    List<StreamAccount> lost = new ArrayList<>();
    for (StreamAccount account : claimed) {
      Instant next = account.schedule().flatMap(s -> s.nextAfter(now, account.jitterSeed())).orElse(null);
      InFlightJob running = account.job();
      DueRun run = DueRun.decide(account.nextRunAt(), running == null ? null : running.firedAt(), now, inFlightTimeout);
      if (run instanceof DueRun.Skip skip) {
        skips.add(new DueSchedules.Skipped(account.accountId(), next));
        skippedAttempts.add(Attempt.skipped(account.accountId(), account.dataType(), skip.scheduledFor(), now, next));
        skippedAccounts.add(account);
        continue;
      }
      DueRun.Fire fire = (DueRun.Fire) run;
      if (fire.replacesLostJob()) {
        lost.add(account);
      }
      InFlightJob job = new InFlightJob(
          UUID.randomUUID(), RefreshTrigger.SCHEDULED, account.dataType(), fire.scheduledFor(), now, fire.lateBy().toMillis());
      started.add(new DueSchedules.Started(account.accountId(), next, job.jobId(), job.scheduledFor(), job.lateByMillis()));
      var event = OutgoingEvents.refreshJob(account.appId(), account.connectionId(), account.accountId(), job, now);
      jobs.add(new OutboxBatch.Entry(account.connectionId().toString(), event.getEventId(), event));
      lateness.record(fire.lateBy());
    }
    Mono<Void> lostJobs = Flux.fromIterable(lost).concatMap(a -> scheduling.concludeLost(a, now)).then();
    Mono<Void> skippedRuns = Flux.range(0, skippedAttempts.size())
        .concatMap(i -> accounts.saveAttempt(skippedAttempts.get(i))
            .then(events.publishAttempt(skippedAccounts.get(i), skippedAttempts.get(i), now)))
        .then();
    return lostJobs
        .then(due.start(started, now))
        .then(due.skip(skips, now))
        .then(skippedRuns)
        .then(outbox.publish(Topics.REFRESH_JOBS, jobs))
        .then(Mono.fromRunnable(() -> {
          fired.increment(started.size());
          skipped.increment(skips.size());
        }))
        .thenReturn(claimed.size());
  }
}
