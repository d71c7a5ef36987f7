package dev.feedlink.webhook;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How webhook-dispatcher delivers. Defaults suit production; the local stack and tests only add
 * loopback to {@code allowed-networks}.
 *
 * @param retrySchedule delay before each attempt of a message to an endpoint: the first is the
 *     initial attempt (normally 0), each later one the pause after the previous failure. When it
 *     runs out the delivery is dead-lettered.
 * @param jitter spread applied to each pause (0.2: ±20 %) so that retries of many messages do not
 *     arrive as one wave
 * @param retryAfterMax the longest {@code Retry-After} a receiver may ask for; longer requests
 *     are cut to this
 * @param requestTimeout the whole HTTP exchange of one attempt, connection to last body byte
 * @param connectTimeout the TCP (and TLS) connection
 * @param responseBodyLimit how much of a response body is read and kept as the attempt's excerpt;
 *     the rest is not read
 * @param maxInFlightPerEndpoint concurrent requests to one endpoint from one instance
 * @param queuedPerEndpoint claimed deliveries one endpoint may have waiting for a free request
 *     slot in one instance
 * @param claimBatch most deliveries claimed by one query
 * @param pollInterval how often due retries are looked for when nothing wakes the dispatcher
 * @param disableAfter an endpoint failing (no success) for this long is disabled and its app told
 * @param endpointsPerApp most endpoints one app may register
 * @param secretGracePeriod how long a rotated-out secret keeps signing unless the request says
 * @param secretGracePeriodMax the longest grace period a rotation may ask for
 * @param inlineMaxBytes a data webhook larger than this carries a link to the data API instead of
 *     the records
 * @param publicBaseUrl the public API base that relative data links are resolved against
 * @param allowedNetworks CIDR blocks a target may resolve to although private or loopback (the
 *     local stack and tests allow 127.0.0.0/8); empty in production
 * @param retention messages older than this, with nothing pending, are deleted
 * @param consumers Kafka consumer threads ingesting events in one instance (at most the partitions)
 */
@Validated
@ConfigurationProperties("feedlink.webhooks")
public record WebhookProperties(
    @DefaultValue({"0s", "5s", "5m", "30m", "2h", "5h", "10h", "10h"}) @NotEmpty List<Duration> retrySchedule,
    @DefaultValue("0.2") @DecimalMin("0") @DecimalMax("0.5") double jitter,
    @DefaultValue("1d") @NotNull Duration retryAfterMax,
    @DefaultValue("15s") @NotNull Duration requestTimeout,
    @DefaultValue("5s") @NotNull Duration connectTimeout,
    @DefaultValue("4KB") @NotNull DataSize responseBodyLimit,
    @DefaultValue("16") @Min(1) int maxInFlightPerEndpoint,
    @DefaultValue("240") @Min(0) int queuedPerEndpoint,
    @DefaultValue("500") @Min(1) int claimBatch,
    @DefaultValue("250ms") @NotNull Duration pollInterval,
    @DefaultValue("5d") @NotNull Duration disableAfter,
    @DefaultValue("20") @Min(1) int endpointsPerApp,
    @DefaultValue("24h") @NotNull Duration secretGracePeriod,
    @DefaultValue("7d") @NotNull Duration secretGracePeriodMax,
    @DefaultValue("256KB") @NotNull DataSize inlineMaxBytes,
    @DefaultValue("http://localhost:8080") @NotNull URI publicBaseUrl,
    @DefaultValue({}) List<String> allowedNetworks,
    @DefaultValue("30d") @NotNull Duration retention,
    @DefaultValue("3") @Min(1) int consumers) {

  /**
   * How long one attempt may take from its start until its result is stored: the connection, the
   * whole exchange, and time to record it. A delivery is only started while at least this much of
   * its reservation is left, so that no other instance can take it over mid-attempt.
   */
  public Duration attemptBudget() {
    return requestTimeout.plus(connectTimeout).plusSeconds(10);
  }

  /**
   * How long a claimed delivery is reserved for the instance that claimed it: an attempt plus as
   * long again to wait for a free request slot. One still waiting when less than an attempt's
   * budget is left is not started but left to lapse, so a queue that drains slowly (a slow
   * endpoint) can never make two instances send the same attempt; a dispatcher that dies leaves
   * its claims due again after this.
   */
  public Duration claimLease() {
    return attemptBudget().multipliedBy(2);
  }

  /** Deliveries one endpoint may hold in one instance: in flight plus waiting. */
  public int endpointCapacity() {
    return maxInFlightPerEndpoint + queuedPerEndpoint;
  }
}
