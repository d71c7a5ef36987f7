package dev.feedlink.webhook.message.domain;

import dev.feedlink.webhook.endpoint.domain.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which endpoints get which messages. The store numbers each endpoint's deliveries per connection
 * (its {@code sequence}) in the order planned here, which is the messages' order.
 *
 * <p>Every endpoint of the message's app subscribed to its type gets a delivery. An enabled
 * endpoint's is pending; a disabled endpoint's is failed at once (reason endpoint_disabled) but
 * still numbered, so that once re-enabled the endpoint sees the gap and can replay it. Messages
 * about no connection are not numbered and skip disabled endpoints.
 */
public final class FanOut {

  private FanOut() {}

  /** A delivery to create. Deliveries about one connection appear in message order. */
  public record PlannedDelivery(int messageIndex, UUID endpointId, String connectionId, boolean pending) {}

  /** The deliveries for a batch of messages. */
  public record Plan(List<PlannedDelivery> deliveries) {}

  /**
   * @param messages in the order they were produced (per connection, Kafka's order)
   * @param endpointsByApp every endpoint not deleted, by app id
   */
  public static Plan plan(List<NewMessage> messages, Map<String, List<Endpoint>> endpointsByApp) {
    List<PlannedDelivery> deliveries = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      NewMessage message = messages.get(i);
      for (Endpoint endpoint : endpointsByApp.getOrDefault(message.appId(), List.of())) {
        if (!endpoint.subscribesTo(message.type())) {
          continue;
        }
        if (message.connectionId() == null) {
          if (endpoint.enabled()) {
            deliveries.add(new PlannedDelivery(i, endpoint.endpointId(), null, true));
          }
          continue;
        }
        deliveries.add(new PlannedDelivery(i, endpoint.endpointId(), message.connectionId(), endpoint.enabled()));
      }
    }
    return new Plan(deliveries);
  }

  /** Whether any endpoint would receive the message (else it is not stored at all). */
  public static boolean anyRecipient(NewMessage message, Map<String, List<Endpoint>> endpointsByApp) {
    return endpointsByApp.getOrDefault(message.appId(), List.of()).stream()
        .anyMatch(e -> e.subscribesTo(message.type()) && (e.enabled() || message.connectionId() != null));
  }
}
