package dev.feedlink.webhook.endpoint.domain;

/** A URL no endpoint may have; the message says what to change. */
public final class InvalidEndpointUrl extends RuntimeException {
  public InvalidEndpointUrl(String message) {
    super(message);
  }
}
