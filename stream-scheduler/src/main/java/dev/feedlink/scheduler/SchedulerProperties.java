package dev.feedlink.scheduler;

import dev.feedlink.scheduler.attempt.domain.CredentialBackoff;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How stream-scheduler fires schedules.
 *
 * @param firingEnabled whether this instance fires due schedules (any number of instances may)
 * @param pollInterval the longest a firing loop waits before looking for due schedules again
 * @param batchSize schedules claimed and fired per transaction
 * @param firingThreads firing loops in this instance, each with its own transactions (they claim
 *     distinct rows, as instances do); each holds a database connection while it fires
 * @param inFlightTimeout how long a refresh job may go without an outcome before it is taken as
 *     lost (recorded as failed) and the account may be refreshed again
 * @param credentialBackoff how schedules back off after refreshes that cannot log in
 */
@Validated
@ConfigurationProperties("feedlink.scheduler")
public record SchedulerProperties(
    @DefaultValue("true") boolean firingEnabled,
    @DefaultValue("1s") @NotNull Duration pollInterval,
    @DefaultValue("1000") @Min(1) @Max(10_000) int batchSize,
    @DefaultValue("2") @Min(1) @Max(16) int firingThreads,
    @DefaultValue("2h") @NotNull Duration inFlightTimeout,
    @DefaultValue @Valid Backoff credentialBackoff) {

  /**
   * @param base delay after the first refused login (the next run at or after it)
   * @param max longest delay between two attempts
   * @param pauseAfter consecutive refused logins after which the schedule pauses until the
   *     credentials are updated or a login succeeds
   */
  public record Backoff(
      @DefaultValue("1d") @NotNull Duration base,
      @DefaultValue("7d") @NotNull Duration max,
      @DefaultValue("6") @Min(1) int pauseAfter) {

    public CredentialBackoff policy() {
      return new CredentialBackoff(base, max, pauseAfter);
    }
  }
}
