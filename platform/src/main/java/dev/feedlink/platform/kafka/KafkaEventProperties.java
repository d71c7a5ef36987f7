package dev.feedlink.platform.kafka;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How services use Kafka beyond {@code spring.kafka.*} (bootstrap servers and client settings).
 *
 * @param partitions partitions of every event topic created at start-up (the most instances of one
 *     service that can share a topic's work)
 * @param replicationFactor replicas of every topic; 1 for a one-node broker
 * @param retryInitial first pause before an event whose handler failed is tried again
 * @param retryMax longest pause between tries
 * @param retryMaxElapsed total time spent retrying one event before it goes to its dead-letter topic
 * @param valueSerializer the serializer the outbox uses; swap in a Schema Registry serializer here
 * @param valueDeserializer the deserializer consumers use
 * @param pollTimeout how long a listener waits in one poll
 * @param syncCommits whether a listener waits for each offset commit before polling again; off,
 *     because every consumer applies a redelivered event once, so a lost commit costs only a
 *     redelivery while waiting costs every event a round trip to the group coordinator
 */
@Validated
@ConfigurationProperties("feedlink.kafka")
public record KafkaEventProperties(
    @DefaultValue("6") @Min(1) int partitions,
    @DefaultValue("1") @Min(1) short replicationFactor,
    @DefaultValue("200ms") Duration retryInitial,
    @DefaultValue("30s") Duration retryMax,
    @DefaultValue("10m") Duration retryMaxElapsed,
    @DefaultValue("dev.feedlink.schemas.AvroEventSerializer") @NotBlank String valueSerializer,
    @DefaultValue("dev.feedlink.schemas.AvroEventDeserializer") @NotBlank String valueDeserializer,
    @DefaultValue("1s") Duration pollTimeout,
    @DefaultValue("false") boolean syncCommits) {}
