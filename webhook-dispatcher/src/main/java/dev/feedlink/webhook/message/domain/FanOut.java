package dev.feedlink.webhook.message.domain;

import dev.feedlink.webhook.endpoint.domain.Endpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which endpoints get which messages, and the per-endpoint, per-connection sequence numbers.
 *
 * <p>Every endpoint of the message's app subscribed to its type gets a delivery. An enabled
 * endpoint's is pending; a disabled endpoint's is failed at once (reason endpoint_disabled) but
 * still numbered, so that once re-enabled the endpoint sees the gap and can replay it. Messages
 * about no connection are not numbered and skip disabled endpoints.
 */
public final class FanOut {

  private FanOut() {}

  /** One (endpoint, connection) counter. */
  public record SequenceKey(UUID endpointId, String connectionId) {}

  /** A delivery to create; {@code sequence} is filled in by {@link Plan#numbered}. */
  public record PlannedDelivery(int messageIndex, UUID endpointId, String connectionId, boolean pending, Long sequence) {}

  /**
   * The deliveries for a batch of messages, and how many numbers each counter must advance by.
   * Deliveries of one counter appear in message order.
   */
  public record Plan(List<PlannedDelivery> deliveries, Map<SequenceKey, Integer> counts) {

    /**
     * Assigns numbers given each counter's value after it advanced by its count: the k-th of n
     * deliveries of a counter now at {@code last} gets {@code last - n + k}.
     */
    public List<PlannedDelivery> numbered(Map<SequenceKey, Long> lastValues) {
      Map<SequenceKey, Long> next = new LinkedHashMap<>();
      counts.forEach((key, n) -> next.put(key, lastValues.get(key) - n + 1));
      List<PlannedDelivery> out = new ArrayList<>(deliveries.size());
      for (PlannedDelivery d : deliveries) {
        if (d.connectionId() == null) {
          out.add(d);
          continue;
        }
        SequenceKey key = new SequenceKey(d.endpointId(), d.connectionId());
        long seq = next.merge(key, 1L, Long::sum) - 1;
        out.add(new PlannedDelivery(d.messageIndex(), d.endpointId(), d.connectionId(), d.pending(), seq));
      }
      return out;
    }
  }

  /**
   * @param messages in the order they were produced (per connection, Kafka's order)
   * @param endpointsByApp every endpoint not deleted, by app id
   */
  public static Plan plan(List<NewMessage> messages, Map<String, List<Endpoint>> endpointsByApp) {
    List<PlannedDelivery> deliveries = new ArrayList<>();
    Map<SequenceKey, Integer> counts = new LinkedHashMap<>();
    for (int i = 0; i < messages.size(); i++) {
      NewMessage message = messages.get(i);
      for (Endpoint endpoint : endpointsByApp.getOrDefault(message.appId(), List.of())) {
        if (!endpoint.subscribesTo(message.type())) {
          continue;
        }
        if (message.connectionId() == null) {
          if (endpoint.enabled()) {
            deliveries.add(new PlannedDelivery(i, endpoint.endpointId(), null, true, null));
          }
          continue;
        }
        deliveries.add(new PlannedDelivery(i, endpoint.endpointId(), message.connectionId(), endpoint.enabled(), null));
        counts.merge(new SequenceKey(endpoint.endpointId(), message.connectionId()), 1, Integer::sum);
      }
    }
    return new Plan(deliveries, counts);
  }

  /** Whether any endpoint would receive the message (else it is not stored at all). */
  public static boolean anyRecipient(NewMessage message, Map<String, List<Endpoint>> endpointsByApp) {
    return endpointsByApp.getOrDefault(message.appId(), List.of()).stream()
        .anyMatch(e -> e.subscribesTo(message.type()) && (e.enabled() || message.connectionId() != null));
  }
}
