package dev.feedlink.webhook.delivery.domain;

import java.time.Instant;

/** What happens to a delivery after an attempt. */
public sealed interface NextStep {

  /** The receiver has the message. */
  record Done() implements NextStep {}

  /** Try again at {@code at}. */
  record RetryAt(Instant at) implements NextStep {}

  /** The schedule is exhausted: the delivery becomes a dead letter, replayable by the app. */
  record GiveUp() implements NextStep {}

  /** The receiver said 410 Gone: this delivery fails and the endpoint is disabled. */
  record DisableEndpoint() implements NextStep {}
}
