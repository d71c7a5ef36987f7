package dev.feedlink.webhook.endpoint.domain;

/** A webhook target resolves only to addresses webhooks may not be sent to. */
public final class TargetRefusedException extends RuntimeException {
  public TargetRefusedException(String message) {
    super(message);
  }
}
