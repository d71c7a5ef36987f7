package dev.feedlink.sandbox.control;

import dev.feedlink.sandbox.energy.AnomalyController;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

/** The control API answers bad input with RFC 9457 problem details, like every Feedlink service. */
@RestControllerAdvice(basePackageClasses = ControlProblems.class, assignableTypes = AnomalyController.class)
class ControlProblems {

  @ExceptionHandler(InvalidControlInput.class)
  ResponseEntity<ProblemDetail> invalid(InvalidControlInput e, ServerHttpRequest request) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", e.field() + ": " + e.getMessage(), request);
    problem.setProperty("field", e.field());
    if (!e.validValues().isEmpty()) {
      problem.setProperty("valid_values", e.validValues());
    }
    return answer(problem);
  }

  @ExceptionHandler(UnknownTestLogin.class)
  ResponseEntity<ProblemDetail> unknown(UnknownTestLogin e, ServerHttpRequest request) {
    return answer(problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), request));
  }

  @ExceptionHandler(ServerWebInputException.class)
  ResponseEntity<ProblemDetail> unreadable(ServerWebInputException e, ServerHttpRequest request) {
    return answer(problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getReason() == null ? "the request cannot be read" : e.getReason(), request));
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail, ServerHttpRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    problem.setInstance(URI.create(request.getPath().value()));
    return problem;
  }

  private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }
}
