package dev.feedlink.sandbox;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The sandbox's start-up settings ({@code sandbox.*}); the first five can be changed at run time
 * through {@code PUT /sandbox/settings}.
 *
 * @param slowDelay how long {@code user_slow} waits before every answer
 * @param webhookDelay real time from {@code user_webhook}'s first data request to the callback
 * @param consentDays how long {@code user_expired}'s consent lasts, on the sandbox clock
 * @param deviceTrustDays how long a device is trusted after an MFA step, on the sandbox clock
 * @param retryAfter the {@code Retry-After} of a 503
 * @param historyDays how far back data reaches from a username's first login at a provider
 * @param challengeTtl how long a login challenge waits for its answer, on the sandbox clock
 * @param tokenTtl how long an access token lives, on the sandbox clock
 * @param clockStart where the sandbox clock starts (default: the real now)
 * @param clockFrozen whether it starts frozen (default: it runs with real time)
 */
@Validated
@ConfigurationProperties("sandbox")
public record SandboxProperties(
    @DefaultValue("PT30S") @NotNull Duration slowDelay,
    @DefaultValue("PT2S") @NotNull Duration webhookDelay,
    @DefaultValue("7") @Min(0) int consentDays,
    @DefaultValue("30") @Min(0) int deviceTrustDays,
    @DefaultValue("PT30S") @NotNull Duration retryAfter,
    @DefaultValue("400") @Min(1) int historyDays,
    @DefaultValue("PT5M") @NotNull Duration challengeTtl,
    @DefaultValue("PT1H") @NotNull Duration tokenTtl,
    Instant clockStart,
    @DefaultValue("false") boolean clockFrozen) {}
