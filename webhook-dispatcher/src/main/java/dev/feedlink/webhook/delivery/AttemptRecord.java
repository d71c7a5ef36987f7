package dev.feedlink.webhook.delivery;

import dev.feedlink.webhook.delivery.domain.AttemptOutcome;
import dev.feedlink.webhook.delivery.domain.NextStep;
import java.time.Instant;

/** One attempt as it is stored: what was tried, what came of it, what happens next. */
public record AttemptRecord(ClaimedDelivery delivery, Instant attemptedAt, long latencyMillis, AttemptOutcome outcome, NextStep next) {

  public int attempts() {
    return delivery.attemptsBefore() + 1;
  }
}
