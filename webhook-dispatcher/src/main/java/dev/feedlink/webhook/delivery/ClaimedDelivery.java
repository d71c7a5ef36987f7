package dev.feedlink.webhook.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery this instance reserved for one attempt, with what the attempt needs.
 *
 * @param attemptsBefore attempts made in this round before this one
 * @param trigger {@code event} or {@code replay}
 * @param messageCreatedAt the message's creation (the body's {@code created_at})
 * @param leasedUntil when its reservation for this instance lapses
 * @param ordered whether it waits for the earlier deliveries of its connection (its result may
 *     make the next one due)
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
    String payload,
    Instant leasedUntil,
    boolean ordered) {}
