package dev.feedlink.platform.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * An error a client can fix, answered as RFC 9457 problem details. Naming the field and its valid
 * values lets an integrating developer fix the request without reading the docs.
 */
public class ApiProblem extends RuntimeException {

  private final HttpStatus status;
  private final String title;
  private final String field;
  private final List<String> validValues;

  public ApiProblem(HttpStatus status, String title, String detail, String field, List<String> validValues) {
    super(detail);
    this.status = status;
    this.title = title;
    this.field = field;
    this.validValues = validValues == null ? List.of() : List.copyOf(validValues);
  }

  public static ApiProblem invalidField(String field, String detail, List<String> validValues) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid request", detail, field, validValues);
  }

  public static ApiProblem invalidField(String field, String detail) {
    return invalidField(field, detail, List.of());
  }

  public static ApiProblem notFound(String what, String id) {
    return new ApiProblem(HttpStatus.NOT_FOUND, "Not found", what + " " + id + " does not exist", null, null);
  }

  public static ApiProblem conflict(String detail) {
    return new ApiProblem(HttpStatus.CONFLICT, "Conflict", detail, null, null);
  }

  public static ApiProblem unauthorized(String detail) {
    return new ApiProblem(HttpStatus.UNAUTHORIZED, "Unauthorized", detail, null, null);
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String field() {
    return field;
  }

  public List<String> validValues() {
    return validValues;
  }
}
