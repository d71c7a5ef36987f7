package dev.feedlink.pipeline.session.domain;

/** A failure as events report it: the reason, a message a person can act on, whether to retry later. */
public record Failure(FailureReason reason, String message, boolean retryable) {

  public static Failure of(FailureReason reason, String message) {
    return new Failure(reason, message, false);
  }

  public static Failure retryable(FailureReason reason, String message) {
    return new Failure(reason, message, true);
  }
}
