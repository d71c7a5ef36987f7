package dev.feedlink.sandbox.control.domain;

import dev.feedlink.sandbox.domain.Provider;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How the sandbox behaves right now; changed at run time through {@code PUT /sandbox/settings}.
 *
 * @param slowDelay how long {@code user_slow} waits before every answer
 * @param webhookDelay real time between {@code user_webhook}'s first data request and the callback
 * @param consentDays how long {@code user_expired}'s consent lasts on the sandbox clock
 * @param deviceTrustDays how long a device stays trusted after an MFA step, on the sandbox clock
 * @param retryAfter the {@code Retry-After} of every 503
 * @param unavailable providers that answer 503 to every provider request (login and data)
 * @param dataUnavailable providers whose data requests answer 503 while logins still work
 */
public record Settings(
    Duration slowDelay,
    Duration webhookDelay,
    int consentDays,
    int deviceTrustDays,
    Duration retryAfter,
    Set<Provider> unavailable,
    Set<Provider> dataUnavailable) {

  public Settings {
    Objects.requireNonNull(slowDelay, "slow_delay");
    Objects.requireNonNull(webhookDelay, "webhook_delay");
    Objects.requireNonNull(retryAfter, "retry_after");
    if (slowDelay.isNegative() || webhookDelay.isNegative() || retryAfter.isNegative()) {
      throw new IllegalArgumentException("delays must not be negative");
    }
    if (consentDays < 0 || deviceTrustDays < 0) {
      throw new IllegalArgumentException("day counts must not be negative");
    }
    unavailable = Set.copyOf(unavailable);
    dataUnavailable = Set.copyOf(dataUnavailable);
  }

  public boolean loginUnavailable(Provider provider) {
    return unavailable.contains(provider);
  }

  public boolean dataUnavailable(Provider provider) {
    return unavailable.contains(provider) || dataUnavailable.contains(provider);
  }
}
