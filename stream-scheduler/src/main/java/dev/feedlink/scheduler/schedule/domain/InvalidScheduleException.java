package dev.feedlink.scheduler.schedule.domain;

import java.util.List;

/** A schedule request the client can fix: which field, what is wrong, and what it may be. */
public final class InvalidScheduleException extends RuntimeException {

  private final String field;
  private final List<String> validValues;

  public InvalidScheduleException(String field, String message, List<String> validValues) {
    super(field + ": " + message);
    this.field = field;
    this.validValues = List.copyOf(validValues);
  }

  public String field() {
    return field;
  }

  public List<String> validValues() {
    return validValues;
  }
}
