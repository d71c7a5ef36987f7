package dev.feedlink.scheduler.schedule.domain;

import java.time.Instant;
import java.util.UUID;

/** The refresh requested for an account and not finished yet. */
public record InFlightJob(
    UUID jobId, RefreshTrigger trigger, String dataType, Instant scheduledFor, Instant firedAt, long lateByMillis) {}
