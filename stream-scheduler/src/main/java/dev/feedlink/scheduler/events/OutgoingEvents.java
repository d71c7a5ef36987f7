package dev.feedlink.scheduler.events;

import dev.feedlink.events.RefreshJobRequested;
import dev.feedlink.events.RefreshTrigger;
import dev.feedlink.events.StreamAttemptRecorded;
import dev.feedlink.events.StreamScheduleChanged;
import dev.feedlink.scheduler.attempt.domain.Attempt;
import dev.feedlink.scheduler.attempt.domain.AttemptResult;
import dev.feedlink.scheduler.attempt.domain.Resolution;
import dev.feedlink.scheduler.schedule.domain.InFlightJob;
import dev.feedlink.scheduler.schedule.domain.StreamAccount;
import dev.feedlink.schemas.Topics;
import dev.feedlink.platform.outbox.Outbox;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The events stream-scheduler produces, built from its state; every one keyed by the connection id. */
public final class OutgoingEvents {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Outbox outbox;

  public OutgoingEvents(Outbox outbox) {
    this.outbox = outbox;
  }

  public static RefreshJobRequested refreshJob(
      UUID appId, UUID connectionId, UUID accountId, InFlightJob job, Instant now) {
    return RefreshJobRequested.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(millis(now))
        .setAppId(appId.toString())
        .setConnectionId(connectionId.toString())
        .setAccountId(accountId.toString())
        .setJobId(job.jobId().toString())
        .setDataType(job.dataType())
        .setTrigger(RefreshTrigger.valueOf(job.trigger().name()))
        .setScheduledFor(millis(job.scheduledFor()))
        .setLateByMillis(job.lateByMillis())
        .build();
  }

  public static StreamScheduleChanged scheduleChanged(StreamAccount account, String status, Instant now) {
    return StreamScheduleChanged.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(millis(now))
        .setAppId(account.appId().toString())
        .setConnectionId(account.connectionId().toString())
        .setAccountId(account.accountId().toString())
        .setStatus(status)
        .setSchedule(account.scheduleType() == null ? null : account.scheduleType().wireName())
        .setDataType(account.dataType())
        .setScheduleDetailsJson(account.scheduleType() == null ? null : JSON.writeValueAsString(account.details()))
        .setNextRefresh(account.nextRunAt() == null ? null : millis(account.nextRunAt()))
        .build();
  }

  public static StreamAttemptRecorded attemptRecorded(UUID appId, UUID connectionId, Attempt a, Instant now) {
    Resolution resolution = a.code() == null ? null : Resolution.forCode(a.code()).orElse(null);
    return StreamAttemptRecorded.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(millis(now))
        .setAppId(appId.toString())
        .setConnectionId(connectionId.toString())
        .setAccountId(a.accountId().toString())
        .setJobId(a.firedAt() == null ? null : a.jobId().toString())
        .setAttemptResult(a.result().wireName())
        .setFreshDataRetrieved(a.freshData())
        // The seed's no_new_data payload gives last_refresh: when the refresh that found nothing ran.
        .setLastRefresh(completed(a) ? millis(a.completedAt()) : null)
        .setLastAttempt(millis(a.completedAt()))
        .setNextScheduledAttempt(a.nextScheduledAttempt() == null ? null : millis(a.nextScheduledAttempt()))
        .setCode(a.code())
        .setMessage(a.message())
        .setMfaRequired(a.mfaRequired())
        .setMfaLastPrompt(a.mfaLastPrompt() == null ? null : millis(a.mfaLastPrompt()))
        .setMfaFailureReason(a.mfaFailureReason())
        .setResolutionAction(resolution == null ? null : resolution.actionRequired())
        .setResolutionDetails(resolution == null ? null : resolution.details())
        .setLateByMillis(a.lateByMillis())
        .build();
  }

  private static boolean completed(Attempt a) {
    return a.result() == AttemptResult.SUCCESS || a.result() == AttemptResult.NO_NEW_DATA;
  }

  public Mono<Void> publishJob(StreamAccount account, InFlightJob job, Instant now) {
    return outbox.publish(
        Topics.REFRESH_JOBS,
        account.connectionId().toString(),
        refreshJob(account.appId(), account.connectionId(), account.accountId(), job, now));
  }

  public Mono<Void> publishScheduleChanged(StreamAccount account, String status, Instant now) {
    return outbox.publish(Topics.STREAM_EVENTS, account.connectionId().toString(), scheduleChanged(account, status, now));
  }

  public Mono<Void> publishAttempt(StreamAccount account, Attempt attempt, Instant now) {
    return outbox.publish(
        Topics.STREAM_EVENTS,
        account.connectionId().toString(),
        attemptRecorded(account.appId(), account.connectionId(), attempt, now));
  }

  private static Instant millis(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }
}
