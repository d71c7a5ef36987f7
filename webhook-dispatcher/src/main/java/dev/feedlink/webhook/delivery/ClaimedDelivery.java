package dev.feedlink.webhook.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery this instance reserved for one attempt, with what the attempt needs.
 *
 * @param attemptsBefore attempts made in this round before this one
 * @param trigger {@code event} or {@code replay}
 * @param messageCreatedAt the message's creation (the body's {@code created_at})
 */
public record ClaimedDelivery(
    long deliveryId,
    int round,
    int attemptsBefore,
    String trigger,
    UUID endpointId,
    String url,
    int secretVersion,
    String messageId,
    String eventType,
    String connectionId,
    Long sequence,
    Instant messageCreatedAt,
    String payload) {}
