package dev.feedlink.localstack.journey;

/** The platform did not do what the journey expects of it: the demo stops and says what. */
public final class JourneyFailed extends RuntimeException {

  public JourneyFailed(String message) {
    super(message);
  }

  public JourneyFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
