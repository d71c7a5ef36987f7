package dev.feedlink.sandbox.provider;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.feedlink.sandbox.domain.Provider;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The providers' own error answers: {@code {"error": "...", "message": "..."}}, as their README says.
 * Always JSON, whatever the client accepts: a Green Button client sends {@code Accept:
 * application/atom+xml} and must still read why it got no feed (instead of a bare 406).
 */
public final class ProviderAnswers {

  private ProviderAnswers() {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ProviderError(String error, String message, @JsonProperty("expired_at") Instant expiredAt, Object challenge) {}

  public static ResponseEntity<Object> error(HttpStatus status, String error, String message) {
    return json(status).body(new ProviderError(error, message, null, null));
  }

  public static ResponseEntity<Object> unavailable(Provider provider, Duration retryAfter) {
    return unavailable(provider, HttpStatus.SERVICE_UNAVAILABLE, retryAfter);
  }

  public static ResponseEntity<Object> unavailable(Provider provider, HttpStatus status, Duration retryAfter) {
    return json(status)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(0, retryAfter.toSeconds())))
        .body(new ProviderError("unavailable", provider.displayName() + " is temporarily unavailable; retry later", null, null));
  }

  public static ResponseEntity<Object> invalidToken() {
    return json(HttpStatus.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
        .body(new ProviderError("invalid_token", "the access token is missing, unknown, expired or revoked; log in again", null, null));
  }

  public static ResponseEntity<Object> consentExpired(Instant expiredAt) {
    return json(HttpStatus.FORBIDDEN)
        .body(new ProviderError("consent_expired", "the user's consent expired; they must log in and consent again", expiredAt, null));
  }

  /** A JSON answer with this status, its content type fixed so no Accept header can refuse it. */
  public static ResponseEntity.BodyBuilder json(HttpStatusCode status) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
  }

  public static ResponseEntity<Object> invalidRequest(String message) {
    return error(HttpStatus.BAD_REQUEST, "invalid_request", message);
  }
}
