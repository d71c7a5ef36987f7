package dev.feedlink.platform.kafka;

/**
 * An event that can never be applied (it contradicts the consumer's state or fails validation).
 * It goes to the dead-letter topic at once instead of blocking its partition with retries.
 */
public class NonRetryableEventException extends RuntimeException {
  public NonRetryableEventException(String message) {
    super(message);
  }

  public NonRetryableEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
