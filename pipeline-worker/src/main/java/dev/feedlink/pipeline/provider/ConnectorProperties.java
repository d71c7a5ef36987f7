package dev.feedlink.pipeline.provider;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How connectors talk to providers.
 *
 * @param connectTimeout how long to wait for a TCP connection
 * @param responseTimeout how long one request may wait for its answer; a provider slower than this
 *     is unavailable for this session (the session ends retryable, it is not retried in place)
 * @param maxRetries tries after the first for a 5xx answer or a refused connection
 * @param firstBackoff pause before the first retry; doubled each time, with jitter
 * @param maxBackoff longest pause between retries
 * @param maxDocumentSize the largest document accepted from a provider
 */
@Validated
@ConfigurationProperties("feedlink.pipeline.http")
public record ConnectorProperties(
    @DefaultValue("5s") @NotNull Duration connectTimeout,
    @DefaultValue("60s") @NotNull Duration responseTimeout,
    @DefaultValue("3") @Min(0) @Max(10) int maxRetries,
    @DefaultValue("200ms") @NotNull Duration firstBackoff,
    @DefaultValue("5s") @NotNull Duration maxBackoff,
    @DefaultValue("64MB") @NotNull org.springframework.util.unit.DataSize maxDocumentSize) {}
