package dev.feedlink.schemas;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A message that is not an event this build can read: not single-object encoded, written with a
 * schema this build does not keep, or a corrupt body. Never worth retrying: it belongs on the
 * dead-letter topic.
 */
public class UnreadableEventException extends SerializationException {

  public UnreadableEventException(String message) {
    super(message);
  }

  public UnreadableEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
