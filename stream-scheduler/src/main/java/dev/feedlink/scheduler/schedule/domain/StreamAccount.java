package dev.feedlink.scheduler.schedule.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One account's Stream state: whose it is, whether Stream is on, its schedule, when it fires next,
 * the refresh in flight, and how many refreshes in a row failed to log in.
 *
 * @param scheduleType null while Stream is on without a schedule (after a first connection)
 * @param nextRunAt null when nothing fires by itself
 * @param job the refresh in flight, or null
 * @param pausedAt when credential backoff stopped the schedule, or null
 * @param lastJobId the last attempt that ended or was skipped, or null
 */
public record StreamAccount(
    UUID accountId,
    UUID appId,
    UUID connectionId,
    String accountNumber,
    List<String> dataTypes,
    boolean active,
    boolean setByClient,
    ScheduleType scheduleType,
    String dataType,
    Map<String, Object> details,
    LocalDate nextBillDate,
    Integer billAnchorDay,
    Instant nextRunAt,
    InFlightJob job,
    int credentialFailures,
    Instant pausedAt,
    UUID lastJobId) {

  public StreamAccount {
    dataTypes = List.copyOf(dataTypes);
    details = details == null ? Map.of() : Map.copyOf(details);
  }

  /** The schedule, if one is set. */
  public Optional<Schedule> schedule() {
    if (scheduleType == null) {
      return Optional.empty();
    }
    int anchor = billAnchorDay != null ? billAnchorDay : 1;
    return Optional.of(ScheduleDetails.restore(scheduleType, details, nextBillDate, anchor));
  }

  /** The account's fixed jitter seed. */
  public long jitterSeed() {
    return jitterSeed(accountId);
  }

  public static long jitterSeed(UUID accountId) {
    return accountId.getMostSignificantBits() ^ accountId.getLeastSignificantBits();
  }

  public boolean paused() {
    return pausedAt != null;
  }

  /** Stream on with {@code schedule}, set by the app; the next run is computed from {@code now}. */
  public StreamAccount withSchedule(Schedule schedule, String dataType, Instant now) {
    Integer anchor = billAnchorDay;
    LocalDate bill = nextBillDate;
    if (schedule instanceof NextBillDateSchedule nbd) {
      anchor = nbd.anchorDay();
      bill = nbd.knownBillDate();
    }
    Instant next = pausedAt != null ? null : schedule.nextAfter(now, jitterSeed()).orElse(null);
    return new StreamAccount(
        accountId, appId, connectionId, accountNumber, dataTypes, true, true, schedule.type(), dataType,
        ScheduleDetails.describe(schedule), bill, anchor, next, job, credentialFailures, pausedAt, lastJobId);
  }

  public StreamAccount deactivated(boolean byClient) {
    return new StreamAccount(
        accountId, appId, connectionId, accountNumber, dataTypes, false, setByClient || byClient, scheduleType, dataType,
        details, nextBillDate, billAnchorDay, null, job, credentialFailures, pausedAt, lastJobId);
  }

  public StreamAccount withJob(InFlightJob newJob) {
    return new StreamAccount(
        accountId, appId, connectionId, accountNumber, dataTypes, active, setByClient, scheduleType, dataType,
        details, nextBillDate, billAnchorDay, nextRunAt, newJob, credentialFailures, pausedAt, lastJobId);
  }

  /** The job ended (or was skipped) as attempt {@code lastJob}. */
  public StreamAccount concluded(UUID lastJob, Instant nextRun, int failures, Instant paused) {
    return new StreamAccount(
        accountId, appId, connectionId, accountNumber, dataTypes, active, setByClient, scheduleType, dataType,
        details, nextBillDate, billAnchorDay, active ? nextRun : null, null, failures, paused, lastJob);
  }

  /** Credentials work again: the backoff ends and the schedule runs from {@code now}. */
  public StreamAccount resumed(Instant now) {
    Instant next = active ? schedule().flatMap(s -> s.nextAfter(now, jitterSeed())).orElse(null) : null;
    return new StreamAccount(
        accountId, appId, connectionId, accountNumber, dataTypes, active, setByClient, scheduleType, dataType,
        details, nextBillDate, billAnchorDay, next, job, 0, null, lastJobId);
  }

  /** The latest bill says the next bill comes on {@code billDate}. */
  public StreamAccount withNextBillDate(LocalDate billDate, Instant now) {
    StreamAccount learned = new StreamAccount(
        accountId, appId, connectionId, accountNumber, dataTypes, active, setByClient, scheduleType, dataType,
        details, billDate, billDate.getDayOfMonth(), nextRunAt, job, credentialFailures, pausedAt, lastJobId);
    if (active && scheduleType == ScheduleType.NEXT_BILL_DATE && pausedAt == null) {
      Instant next = learned.schedule().flatMap(s -> s.nextAfter(now, jitterSeed())).orElse(null);
      return learned.withNextRun(next);
    }
    return learned;
  }

  public StreamAccount withNextRun(Instant next) {
    return new StreamAccount(
        accountId, appId, connectionId, accountNumber, dataTypes, active, setByClient, scheduleType, dataType,
        details, nextBillDate, billAnchorDay, next, job, credentialFailures, pausedAt, lastJobId);
  }
}
