package dev.feedlink.scheduler.schedule;

import dev.feedlink.platform.web.ApiProblem;
import dev.feedlink.scheduler.attempt.domain.Attempt;
import dev.feedlink.scheduler.attempt.domain.Conclusion;
import dev.feedlink.scheduler.attempt.domain.CredentialBackoff;
import dev.feedlink.scheduler.attempt.domain.RefreshOutcome;
import dev.feedlink.scheduler.events.OutgoingEvents;
import dev.feedlink.scheduler.schedule.domain.DataTypes;
import dev.feedlink.scheduler.schedule.domain.InFlightJob;
import dev.feedlink.scheduler.schedule.domain.InvalidScheduleException;
import dev.feedlink.scheduler.schedule.domain.NextBillDateSchedule;
import dev.feedlink.scheduler.schedule.domain.RefreshTrigger;
import dev.feedlink.scheduler.schedule.domain.Schedule;
import dev.feedlink.scheduler.schedule.domain.ScheduleDetails;
import dev.feedlink.scheduler.schedule.domain.StreamAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The Stream API's use cases: activate or update, deactivate, look at, and refresh now. */
public final class StreamScheduling {

  /** A schedule set on an account; {@code status} is "active" for a first schedule, else "updated". */
  record Activation(StreamAccount account, String status) {}

  /** What the status endpoint shows. */
  record StatusView(StreamAccount account, Attempt lastAttempt) {}

  record BulkResult(List<StreamAccount> active, List<StreamAccount> inactive) {}

  /** A refresh asked for now; {@code alreadyInFlight} when one was running and is reported instead. */
  record RefreshRequested(StreamAccount account, InFlightJob job, boolean alreadyInFlight) {}

  static final int MAX_BULK_ACCOUNTS = 1_000;

  private final StreamAccounts accounts;
  private final AccountResolution resolution;
  private final OutgoingEvents events;
  private final TransactionalOperator tx;
  private final Clock clock;
  private final CredentialBackoff backoff;
  private final Duration inFlightTimeout;

  public StreamScheduling(
      StreamAccounts accounts,
      OutgoingEvents events,
      TransactionalOperator tx,
      Clock clock,
      CredentialBackoff backoff,
      Duration inFlightTimeout) {
    this.accounts = accounts;
    this.resolution = new AccountResolution(accounts);
    this.events = events;
    this.tx = tx;
    this.clock = clock;
    this.backoff = backoff;
    this.inFlightTimeout = inFlightTimeout;
  }

  Mono<Activation> activate(String appId, String reference, ScheduleRequest request) {
    Schedule requested = parseSchedule(request);
    Mono<Activation> work =
        resolution.resolve(appId, reference)
            .flatMap(accounts::lock)
            .flatMap(account -> requireConnected(account).thenReturn(account))
            .flatMap(account -> {
              Instant now = clock.instant();
              boolean hadSchedule = account.active() && account.scheduleType() != null;
              StreamAccount updated = schedule(account, requested, request.dataType(), now);
              String status = hadSchedule ? "updated" : "active";
              return accounts.update(updated, now)
                  .then(events.publishScheduleChanged(updated, status, now))
                  .thenReturn(new Activation(updated, status));
            });
    return tx.transactional(work);
  }

  Mono<StatusView> status(String appId, String reference) {
    return resolution.resolve(appId, reference)
        .flatMap(accounts::find)
        .flatMap(account -> account.lastJobId() == null
            ? Mono.just(new StatusView(account, null))
            : accounts.attempt(account.lastJobId()).map(a -> new StatusView(account, a)).defaultIfEmpty(new StatusView(account, null)));
  }

  Mono<BulkResult> activateAll(String appId, List<String> references, ScheduleRequest request) {
    Schedule requested = parseSchedule(request);
    Mono<BulkResult> work =
        resolveAll(appId, references)
            .flatMapMany(ids -> accounts.lockAll(ids).sort(inRequestOrder(ids)))
            .concatMap(account -> requireConnected(account).thenReturn(account))
            .concatMap(account -> {
              Instant now = clock.instant();
              boolean hadSchedule = account.active() && account.scheduleType() != null;
              StreamAccount updated = schedule(account, requested, request.dataType(), now);
              return accounts.update(updated, now)
                  .then(events.publishScheduleChanged(updated, hadSchedule ? "updated" : "active", now))
                  .thenReturn(updated);
            })
            .collectList()
            .map(active -> new BulkResult(active, List.of()));
    return tx.transactional(work);
  }

  Mono<BulkResult> deactivateAll(String appId, List<String> references) {
    Mono<BulkResult> work =
        resolveAll(appId, references)
            .flatMapMany(ids -> accounts.lockAll(ids).sort(inRequestOrder(ids)))
            .concatMap(account -> {
              Instant now = clock.instant();
              StreamAccount updated = account.deactivated(true);
              Mono<Void> announce = account.active() ? events.publishScheduleChanged(updated, "inactive", now) : Mono.empty();
              return accounts.update(updated, now).then(announce).thenReturn(updated);
            })
            .collectList()
            .map(inactive -> new BulkResult(List.of(), inactive));
    return tx.transactional(work);
  }

  Mono<RefreshRequested> refresh(String appId, String reference, String dataType) {
    Mono<RefreshRequested> work =
        resolution.resolve(appId, reference)
            .flatMap(accounts::lock)
            .flatMap(account -> requireConnected(account).thenReturn(account))
            .flatMap(account -> {
              if (!account.active()) {
                return Mono.error(ApiProblem.conflict(
                    "Stream is inactive for account " + account.accountId() + "; activate it with POST /accounts/"
                        + account.accountId() + "/stream first"));
              }
              String type = dataType(account, dataType);
              Instant now = clock.instant();
              InFlightJob running = account.job();
              if (running != null && !isLost(running, now)) {
                return Mono.just(new RefreshRequested(account, running, true));
              }
              Mono<StreamAccount> cleared = running == null ? Mono.just(account) : concludeLost(account, now);
              return cleared.flatMap(current -> {
                InFlightJob job = new InFlightJob(UUID.randomUUID(), RefreshTrigger.MANUAL, type, now, now, 0);
                StreamAccount started = current.withJob(job);
                return accounts.update(started, now)
                    .then(events.publishJob(started, job, now))
                    .thenReturn(new RefreshRequested(started, job, false));
              });
            });
    return tx.transactional(work);
  }

  private boolean isLost(InFlightJob job, Instant now) {
    return !job.firedAt().plus(inFlightTimeout).isAfter(now);
  }

  /** Records a refresh whose outcome never came as failed; the account is free for a new one. */
  public Mono<StreamAccount> concludeLost(StreamAccount account, Instant now) {
    Conclusion lost = Conclusion.of(
        account, new RefreshOutcome.Failed(now, "no outcome within " + inFlightTimeout), backoff, now);
    return accounts.saveAttempt(lost.attempt())
        .then(events.publishAttempt(lost.account(), lost.attempt(), now))
        .thenReturn(lost.account());
  }

  private StreamAccount schedule(StreamAccount account, Schedule requested, String dataType, Instant now) {
    Schedule schedule = requested;
    if (requested instanceof NextBillDateSchedule nbd && account.nextBillDate() != null) {
      schedule = nbd.withBillDate(account.nextBillDate());
    }
    return account.withSchedule(schedule, dataType(account, dataType), now);
  }

  private static String dataType(StreamAccount account, String requested) {
    List<String> valid = DataTypes.validFor(account.dataTypes());
    if (requested == null) {
      if (account.dataType() != null) {
        return account.dataType();
      }
      if (valid.size() == 1) {
        return valid.get(0);
      }
      throw ApiProblem.invalidField("data_type", "data_type: is required", valid);
    }
    String type = requested.strip().toLowerCase(java.util.Locale.ROOT);
    if (!DataTypes.ALL.contains(type)) {
      throw ApiProblem.invalidField("data_type", "data_type: '" + requested + "' is not a data type", valid);
    }
    if (!valid.contains(type)) {
      throw ApiProblem.invalidField(
          "data_type", "data_type: account " + account.accountId() + " does not provide '" + type + "' data", valid);
    }
    return type;
  }

  private Schedule parseSchedule(ScheduleRequest request) {
    try {
      return ScheduleDetails.parse(
          request.schedule(), request.details(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), null);
    } catch (InvalidScheduleException e) {
      throw ApiProblem.invalidField(e.field(), e.getMessage(), e.validValues());
    }
  }

  private Mono<Void> requireConnected(StreamAccount account) {
    return accounts.isDisconnected(account.connectionId())
        .flatMap(disconnected -> disconnected
            ? Mono.error(new ApiProblem(
                HttpStatus.CONFLICT, "Conflict",
                "account " + account.accountId() + " belongs to disconnected connection " + account.connectionId()
                    + "; re-link the connection to use Stream again", null, null))
            : Mono.<Void>empty());
  }

  private static java.util.Comparator<StreamAccount> inRequestOrder(List<UUID> ids) {
    return java.util.Comparator.comparingInt(a -> ids.indexOf(a.accountId()));
  }

  /** All references resolved, or one problem naming every unknown one. */
  private Mono<List<UUID>> resolveAll(String appId, List<String> references) {
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(references));
    List<String> unknown = new ArrayList<>();
    return Flux.fromIterable(distinct)
        .concatMap(ref -> resolution.resolve(appId, ref)
            .onErrorResume(ApiProblem.class, p -> {
              if (p.status() == HttpStatus.NOT_FOUND) {
                unknown.add(ref);
                return Mono.empty();
              }
              return Mono.error(p);
            }))
        .collectList()
        .flatMap(ids -> unknown.isEmpty()
            ? Mono.just(List.copyOf(new LinkedHashSet<>(ids)))
            : Mono.error(new ApiProblem(
                HttpStatus.NOT_FOUND, "Not found", "no such account: " + String.join(", ", unknown), "accounts", null)));
  }
}
