package dev.feedlink.sandbox.control;

import java.util.List;

/** A control request with a bad field: answered as an RFC 9457 problem naming it and its valid values. */
public class InvalidControlInput extends RuntimeException {

  private final String field;
  private final List<String> validValues;

  public InvalidControlInput(String field, String message, List<String> validValues) {
    super(message, null, false, false);
    this.field = field;
    this.validValues = validValues == null ? List.of() : List.copyOf(validValues);
  }

  public String field() {
    return field;
  }

  public List<String> validValues() {
    return validValues;
  }
}
