package dev.feedlink.webhook.delivery.domain;

import java.time.Instant;
import java.util.function.DoubleSupplier;

/** Decides the next step of a delivery from the outcome of its latest attempt. */
public final class DeliveryPolicy {

  private final RetrySchedule schedule;

  public DeliveryPolicy(RetrySchedule schedule) {
    this.schedule = schedule;
  }

  /**
   * @param attemptsMade attempts in this round, the one just made included
   */
  public NextStep decide(AttemptOutcome outcome, int attemptsMade, Instant now, DoubleSupplier random) {
    if (outcome instanceof AttemptOutcome.Delivered) {
      return new NextStep.Done();
    }
    if (outcome instanceof AttemptOutcome.Gone) {
      return new NextStep.DisableEndpoint();
    }
    java.time.Duration retryAfter =
        outcome instanceof AttemptOutcome.Rejected rejected ? rejected.retryAfter() : null;
    return schedule
        .nextAttempt(attemptsMade, now, retryAfter, random)
        .<NextStep>map(NextStep.RetryAt::new)
        .orElseGet(NextStep.GiveUp::new);
  }

  public RetrySchedule schedule() {
    return schedule;
  }
}
