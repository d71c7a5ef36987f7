package dev.feedlink.scheduler.events;

import dev.feedlink.platform.kafka.NonRetryableEventException;
import java.util.Optional;
import java.util.UUID;

/** Ids as events carry them (strings); an id that is not a UUID makes the event unusable. */
public final class EventIds {

  private EventIds() {}

  /** The id; a malformed one sends the event to the dead-letter topic. */
  public static UUID uuid(CharSequence value) {
    try {
      return UUID.fromString(value.toString());
    } catch (IllegalArgumentException e) {
      throw new NonRetryableEventException("not a UUID: " + value, e);
    }
  }

  /** An optional id (a job id, a session id that may not be one of ours). */
  public static Optional<UUID> optionalUuid(CharSequence value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(value.toString()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
