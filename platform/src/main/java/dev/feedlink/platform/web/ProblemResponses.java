package dev.feedlink.platform.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error as RFC 9457 problem details ({@code application/problem+json}), with the extension
 * members {@code field} and {@code valid_values} wherever a single input is at fault, and
 * {@code errors} listing each field when several are. Fields are named as the client wrote them:
 * body fields by their JSON names (as the service's JSON mapper reads them), parameters by the
 * names they are bound from.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

  private final ClientNames names;

  /** @param json the mapper the service reads request bodies with (its naming strategy included) */
  public ProblemResponses(JsonMapper json) {
    this.names = new ClientNames(json);
  }

  @ExceptionHandler(ApiProblem.class)
  public ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem, ServerWebExchange exchange) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
    body.setTitle(problem.title());
    body.setInstance(URI.create(exchange.getRequest().getPath().value()));
    if (problem.field() != null) {
      body.setProperty("field", problem.field());
    }
    if (!problem.validValues().isEmpty()) {
      body.setProperty("valid_values", problem.validValues());
    }
    return ResponseEntity.status(problem.status()).body(body);
  }

  @ExceptionHandler(DataBufferLimitException.class)
  public ResponseEntity<ProblemDetail> tooLarge(DataBufferLimitException e, ServerWebExchange exchange) {
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, "request body too large: " + e.getMessage());
    body.setTitle("Request body too large");
    body.setInstance(URI.create(exchange.getRequest().getPath().value()));
    return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(body);
  }

  @ExceptionHandler(Exception.class)
  public ResponseEntity<ProblemDetail> unexpected(Exception e, ServerWebExchange exchange) {
    log.error("unhandled error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), e);
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "an unexpected error occurred");
    body.setTitle("Internal error");
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(body);
  }

  @Override
  protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(
      WebExchangeBindException ex, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
    ProblemDetail body = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
    body.setTitle("Invalid request");
    body.setInstance(URI.create(exchange.getRequest().getPath().value()));
    Class<?> target = ex.getTarget() != null ? ex.getTarget().getClass() : ex.getMethodParameter().getParameterType();
    List<Map<String, Object>> errors = new ArrayList<>();
    for (FieldError error : ex.getFieldErrors()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("field", names.ofBodyField(target, error.getField()));
      item.put("message", error.getDefaultMessage());
      errors.add(item);
    }
    ex.getGlobalErrors().forEach(error -> errors.add(Map.of("message", String.valueOf(error.getDefaultMessage()))));
    body.setDetail(
        errors.stream()
            .map(e -> e.containsKey("field") ? e.get("field") + ": " + e.get("message") : String.valueOf(e.get("message")))
            .collect(Collectors.joining("; ")));
    if (ex.getFieldErrors().size() == 1) {
      body.setProperty("field", errors.get(0).get("field"));
    }
    body.setProperty("errors", errors);
    return Mono.just(ResponseEntity.badRequest().body(body));
  }

  @Override
  protected Mono<ResponseEntity<Object>> handleServerWebInputException(
      ServerWebInputException ex, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
    ProblemDetail body = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
    body.setTitle("Invalid request");
    body.setInstance(URI.create(exchange.getRequest().getPath().value()));
    JacksonException json = findCause(ex, JacksonException.class);
    MethodParameter parameter = ex.getMethodParameter();
    if (json != null) {
      String field = jsonPath(json);
      if (json instanceof InvalidFormatException invalid && invalid.getTargetType() != null) {
        body.setDetail(
            (field.isEmpty() ? "value" : field) + ": '" + invalid.getValue() + "' is not a valid "
                + invalid.getTargetType().getSimpleName());
        List<String> valid = enumValues(invalid.getTargetType());
        if (!valid.isEmpty()) {
          body.setProperty("valid_values", valid);
        }
      } else if (json instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null && !field.isEmpty()) {
        body.setDetail(field + ": expected " + mismatch.getTargetType().getSimpleName());
      } else {
        body.setDetail("malformed JSON" + (field.isEmpty() ? "" : " at " + field) + ": " + json.getOriginalMessage());
      }
      if (!field.isEmpty()) {
        body.setProperty("field", field);
      }
    } else if (parameter != null && names.ofParameter(parameter) != null) {
      String name = names.ofParameter(parameter);
      TypeMismatchException mismatch = findCause(ex, TypeMismatchException.class);
      if (mismatch != null) {
        String type = mismatch.getRequiredType() == null ? "value" : mismatch.getRequiredType().getSimpleName();
        body.setDetail(name + ": '" + mismatch.getValue() + "' is not a valid " + type);
      } else {
        body.setDetail(name + ": " + ex.getReason());
      }
      body.setProperty("field", name);
    } else {
      body.setDetail(ex.getReason() == null ? "invalid request" : ex.getReason());
    }
    return Mono.just(ResponseEntity.badRequest().body(body));
  }

  private static List<String> enumValues(Class<?> type) {
    if (!type.isEnum()) {
      return List.of();
    }
    return Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
  }

  private static String jsonPath(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
    Throwable cause = e;
    while (cause != null) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
      cause = cause.getCause() == cause ? null : cause.getCause();
    }
    return null;
  }
}
