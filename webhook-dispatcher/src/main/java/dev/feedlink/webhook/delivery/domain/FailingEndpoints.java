package dev.feedlink.webhook.delivery.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When an endpoint that keeps failing is disabled: once no attempt to it has succeeded for
 * {@code disableAfter} since its first failure. A single success resets the clock, so an endpoint
 * that flaps is never disabled for it.
 */
public record FailingEndpoints(Duration disableAfter) {

  public boolean shouldDisable(Instant failingSince, Instant now) {
    return failingSince != null && !now.isBefore(failingSince.plus(disableAfter));
  }
}
