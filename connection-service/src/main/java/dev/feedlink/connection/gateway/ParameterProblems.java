package dev.feedlink.connection.gateway;

import dev.feedlink.platform.web.ProblemResponses;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * A path variable, query parameter or header that does not convert (a bad UUID) is named as the
 * client wrote it ({@code connection_id}), not by the Java parameter's name; everything else goes
 * to the platform's problem responses.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ParameterProblems {

  private final ProblemResponses platform;

  ParameterProblems(ProblemResponses platform) {
    this.platform = platform;
  }

  @ExceptionHandler(ServerWebInputException.class)
  Mono<ResponseEntity<Object>> badParameter(ServerWebInputException e, ServerWebExchange exchange) {
    MethodParameter parameter = e.getMethodParameter();
    String name = parameter == null ? null : clientName(parameter);
    if (name == null || !(e.getCause() instanceof TypeMismatchException mismatch)) {
      return platform.handleException(e, exchange);
    }
    String type = mismatch.getRequiredType() == null ? "value" : mismatch.getRequiredType().getSimpleName();
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST, name + ": '" + mismatch.getValue() + "' is not a valid " + type);
    body.setTitle("Invalid request");
    body.setInstance(URI.create(exchange.getRequest().getPath().value()));
    body.setProperty("field", name);
    return Mono.just(ResponseEntity.badRequest().body(body));
  }

  /** Bean validation names fields as Java does; the client wrote them as the JSON names them. */
  @ExceptionHandler(WebExchangeBindException.class)
  Mono<ResponseEntity<Object>> invalidBody(WebExchangeBindException e, ServerWebExchange exchange) {
    Class<?> target = e.getTarget() == null ? null : e.getTarget().getClass();
    List<Map<String, Object>> errors = new ArrayList<>();
    for (FieldError error : e.getFieldErrors()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("field", jsonPath(target, error.getField()));
      item.put("message", error.getDefaultMessage());
      errors.add(item);
    }
    e.getGlobalErrors().forEach(error -> errors.add(Map.of("message", String.valueOf(error.getDefaultMessage()))));
    ProblemDetail body = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
    body.setTitle("Invalid request");
    body.setDetail(
        errors.stream()
            .map(i -> i.containsKey("field") ? i.get("field") + ": " + i.get("message") : String.valueOf(i.get("message")))
            .collect(Collectors.joining("; ")));
    body.setInstance(URI.create(exchange.getRequest().getPath().value()));
    if (e.getFieldErrors().size() == 1) {
      body.setProperty("field", errors.get(0).get("field"));
    }
    body.setProperty("errors", errors);
    return Mono.just(ResponseEntity.badRequest().body(body));
  }

  /** {@code providerId} -> {@code provider_id}, {@code scopes[0]} kept, through nested records. */
  static String jsonPath(Class<?> type, String javaPath) {
    StringBuilder out = new StringBuilder();
    Class<?> current = type;
    for (String segment : javaPath.split("\\.")) {
      String name = segment;
      String index = "";
      int bracket = segment.indexOf('[');
      if (bracket >= 0) {
        name = segment.substring(0, bracket);
        index = segment.substring(bracket);
      }
      String json = name;
      Class<?> next = null;
      if (current != null && current.isRecord()) {
        for (RecordComponent component : current.getRecordComponents()) {
          if (component.getName().equals(name)) {
            JsonProperty property = component.getAnnotation(JsonProperty.class);
            if (property == null) {
              property = component.getAccessor().getAnnotation(JsonProperty.class);
            }
            if (property != null && !property.value().isEmpty()) {
              json = property.value();
            }
            next = component.getType();
          }
        }
      }
      if (!out.isEmpty()) {
        out.append('.');
      }
      out.append(json).append(index);
      current = next;
    }
    return out.toString();
  }

  private static String clientName(MethodParameter parameter) {
    PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
    if (path != null && !path.value().isEmpty()) {
      return path.value();
    }
    RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
    if (query != null && !query.name().isEmpty()) {
      return query.name();
    }
    RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
    return header != null && !header.name().isEmpty() ? header.name() : null;
  }
}
