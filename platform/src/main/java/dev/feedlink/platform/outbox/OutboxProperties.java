package dev.feedlink.platform.outbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The outbox relay.
 *
 * @param pollInterval how often the relay looks for rows when nothing woke it (rows written by this
 *     instance wake it at commit; this bounds the delay for rows written by other instances)
 * @param batchSize rows sent per relay transaction
 * @param sendTimeout how long a batch may wait for Kafka's acknowledgements before it is retried
 * @param errorBackoff pause after a failed batch (Kafka or the database down)
 * @param relayEnabled whether this instance relays at all (rows wait for another instance if not)
 */
@Validated
@ConfigurationProperties("feedlink.outbox")
public record OutboxProperties(
    @DefaultValue("200ms") Duration pollInterval,
    @DefaultValue("500") @Min(1) @Max(10_000) int batchSize,
    @DefaultValue("30s") Duration sendTimeout,
    @DefaultValue("1s") Duration errorBackoff,
    @DefaultValue("true") boolean relayEnabled) {}
