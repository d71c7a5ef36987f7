package dev.feedlink.sandbox.provider;

import dev.feedlink.sandbox.control.domain.Faults;
import dev.feedlink.sandbox.control.domain.SandboxSettings;
import dev.feedlink.sandbox.control.domain.Settings;
import dev.feedlink.sandbox.domain.Provider;
import dev.feedlink.sandbox.login.domain.Authenticator;
import dev.feedlink.sandbox.login.domain.Behaviour;
import dev.feedlink.sandbox.login.domain.Grant;
import dev.feedlink.sandbox.login.domain.TestLogin;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What every provider request passes before its handler: injected faults and outages (503 with
 * {@code Retry-After}), {@code user_down}, the bearer token and consent of data requests, and
 * {@code user_slow}'s delay, which waits on a timer and never holds a thread.
 */
@Component
public class ProviderGate {

  private final SandboxSettings settings;
  private final Faults faults;
  private final Authenticator authenticator;

  ProviderGate(SandboxSettings settings, Faults faults, Authenticator authenticator) {
    this.settings = settings;
    this.faults = faults;
    this.authenticator = authenticator;
  }

  /** A login step of {@code login} (absent when the username is unknown). */
  public Mono<ResponseEntity<Object>> login(Provider provider, Optional<TestLogin> login, Supplier<ResponseEntity<Object>> handler) {
    return Mono.defer(
        () -> {
          Settings now = settings.current();
          Optional<ResponseEntity<Object>> refused = outage(provider, now.loginUnavailable(provider), now);
          if (refused.isPresent()) {
            return Mono.just(refused.get());
          }
          Behaviour behaviour = login.map(TestLogin::behaviour).orElse(Behaviour.GOOD);
          if (behaviour == Behaviour.DOWN) {
            return Mono.just(ProviderAnswers.unavailable(provider, now.retryAfter()));
          }
          return delayed(behaviour, now, Mono.fromSupplier(handler));
        });
  }

  /** A data request: needs a valid bearer token for this provider and a live consent. */
  public Mono<ResponseEntity<Object>> data(
      Provider provider, ServerHttpRequest request, Function<Grant, Mono<ResponseEntity<Object>>> handler) {
    return Mono.defer(
        () -> {
          Settings now = settings.current();
          Optional<ResponseEntity<Object>> refused = outage(provider, now.dataUnavailable(provider), now);
          if (refused.isPresent()) {
            return Mono.just(refused.get());
          }
          Optional<Grant> grant = bearer(request).flatMap(token -> authenticator.grant(provider, token));
          if (grant.isEmpty()) {
            return Mono.just(ProviderAnswers.invalidToken());
          }
          Behaviour behaviour = grant.get().login().behaviour();
          if (behaviour == Behaviour.DOWN) {
            return Mono.just(ProviderAnswers.unavailable(provider, now.retryAfter()));
          }
          Optional<ResponseEntity<Object>> expired = authenticator.consentEnded(grant.get()).map(ProviderAnswers::consentExpired);
          if (expired.isPresent()) {
            return Mono.just(expired.get());
          }
          return delayed(behaviour, now, Mono.defer(() -> handler.apply(grant.get())));
        });
  }

  private Optional<ResponseEntity<Object>> outage(Provider provider, boolean unavailable, Settings now) {
    Optional<Faults.Fault> fault = faults.take(provider);
    if (fault.isPresent()) {
      return Optional.of(ProviderAnswers.unavailable(provider, HttpStatus.valueOf(fault.get().status()), fault.get().retryAfter()));
    }
    return unavailable ? Optional.of(ProviderAnswers.unavailable(provider, now.retryAfter())) : Optional.empty();
  }

  private static Mono<ResponseEntity<Object>> delayed(Behaviour behaviour, Settings now, Mono<ResponseEntity<Object>> answer) {
    Duration delay = behaviour == Behaviour.SLOW ? now.slowDelay() : Duration.ZERO;
    return delay.isZero() ? answer : Mono.delay(delay).then(answer);
  }

  private static Optional<String> bearer(ServerHttpRequest request) {
    String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return Optional.of(header.substring(7).strip()).filter(t -> !t.isEmpty());
  }
}
