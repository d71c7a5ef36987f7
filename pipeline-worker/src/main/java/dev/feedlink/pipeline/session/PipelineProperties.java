package dev.feedlink.pipeline.session;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the pipeline runs sessions.
 *
 * @param promptTimeout how long a question to the user (MFA code, security answer, approval,
 *     account selection) stays open before the session ends Authorization timedout (20)
 * @param stallTimeout a session that has not changed status for this long is Timed Out (23) by
 *     the watchdog (waiting for the user is governed by {@code promptTimeout} instead)
 * @param lease how long a worker holds a claimed session without renewing; a worker that dies
 *     mid-session lets another take over after this
 * @param pollInterval how often a runner looks for due sessions when nothing woke it
 * @param watchdogInterval how often the watchdog looks for stalled sessions
 * @param concurrency sessions one instance runs at once (they mostly wait on providers; keep it
 *     below the database pool's size, since each commit takes a connection)
 * @param initialHistory how far back a first connection fetches
 * @param refreshOverlap a Stream refresh fetches from the newest record delivered minus this, so a
 *     provider's late corrections inside that margin are seen
 * @param callbackPollInterval a session waiting for a provider's callback also asks again this often
 * @param inlineMaxRecords a DataAvailable carries its records inline up to this many, else a link
 * @param publicBaseUrl the gateway's address, for the data links in events
 * @param callbackBaseUrl where providers reach this service's callback endpoint; by default this
 *     instance's own port on localhost
 * @param releaseOnStop whether a stopping instance hands its sessions back at once (true), or
 *     leaves them to be taken over when their lease lapses, as after a crash
 */
@Validated
@ConfigurationProperties("feedlink.pipeline")
public record PipelineProperties(
    @DefaultValue("5m") @NotNull Duration promptTimeout,
    @DefaultValue("15m") @NotNull Duration stallTimeout,
    @DefaultValue("2m") @NotNull Duration lease,
    @DefaultValue("200ms") @NotNull Duration pollInterval,
    @DefaultValue("10s") @NotNull Duration watchdogInterval,
    @DefaultValue("4") @Min(1) @Max(256) int concurrency,
    @DefaultValue("P365D") @NotNull Period initialHistory,
    @DefaultValue("P1D") @NotNull Period refreshOverlap,
    @DefaultValue("1m") @NotNull Duration callbackPollInterval,
    @DefaultValue("500") @Min(0) int inlineMaxRecords,
    @DefaultValue("http://localhost:8080") @NotNull URI publicBaseUrl,
    URI callbackBaseUrl,
    @DefaultValue("true") boolean releaseOnStop) {}
