package dev.feedlink.connection.connections;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Connections and their REST API.
 *
 * @param promptTimeout how long a question waits for the user when the pipeline's prompt names no
 *     expiry (the pipeline's own {@code feedlink.pipeline.prompt-timeout} decides when it does)
 * @param defaultPageSize connections per page of {@code GET /connections} when no limit is given
 * @param maxPageSize the largest {@code limit} accepted
 */
@Validated
@ConfigurationProperties("feedlink.connection")
public record ConnectionProperties(
    @DefaultValue("5m") Duration promptTimeout,
    @DefaultValue("25") @Min(1) @Max(1000) int defaultPageSize,
    @DefaultValue("100") @Min(1) @Max(1000) int maxPageSize) {}
