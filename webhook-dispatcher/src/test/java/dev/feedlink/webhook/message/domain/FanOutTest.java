package dev.feedlink.webhook.message.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.webhook.endpoint.domain.DisableReason;
import dev.feedlink.webhook.endpoint.domain.Endpoint;
import dev.feedlink.webhook.endpoint.domain.EndpointStatus;
import dev.feedlink.webhook.endpoint.domain.EventType;
import dev.feedlink.webhook.message.domain.FanOut.PlannedDelivery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FanOutTest {

  static final Instant AT = Instant.parse("2024-12-15T12:00:00Z");
  final UUID all = UUID.randomUUID();
  final UUID dataOnly = UUID.randomUUID();
  final UUID disabled = UUID.randomUUID();

  Endpoint endpoint(UUID id, String app, Set<EventType> types, EndpointStatus status) {
    return new Endpoint(id, app, "https://x.example/", null, types, false, status,
        status == EndpointStatus.DISABLED ? DisableReason.MANUAL : null, null, null, AT, AT, 1);
  }

  NewMessage message(String app, EventType type, String connection) {
    return new NewMessage(UUID.randomUUID().toString(), app, type, connection, "{}", AT);
  }

  @Test
  void everySubscribedEndpointOfTheAppGetsTheMessageInOrderPerConnection() {
    Map<String, List<Endpoint>> endpoints = Map.of(
        "app", List.of(
            endpoint(all, "app", Set.of(), EndpointStatus.ENABLED),
            endpoint(dataOnly, "app", Set.of(EventType.DATA_AVAILABLE), EndpointStatus.ENABLED),
            endpoint(disabled, "app", Set.of(), EndpointStatus.DISABLED)),
        "other", List.of(endpoint(UUID.randomUUID(), "other", Set.of(), EndpointStatus.ENABLED)));
    List<NewMessage> messages = List.of(
        message("app", EventType.CONNECTION_STATUS_CHANGED, "c1"),
        message("app", EventType.DATA_AVAILABLE, "c1"),
        message("app", EventType.DATA_AVAILABLE, "c2"),
        message("app", EventType.CONNECTION_STATUS_CHANGED, "c1"));

    FanOut.Plan plan = FanOut.plan(messages, endpoints);
    List<PlannedDelivery> numbered = plan.deliveries();

    // per endpoint and connection in message order: the order the store numbers them in
    assertThat(numbered).filteredOn(d -> d.endpointId().equals(all) && d.connectionId().equals("c1"))
        .extracting(PlannedDelivery::messageIndex).containsExactly(0, 1, 3);
    assertThat(numbered).filteredOn(d -> d.endpointId().equals(dataOnly))
        .extracting(PlannedDelivery::messageIndex, PlannedDelivery::connectionId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "c1"), org.assertj.core.groups.Tuple.tuple(2, "c2"));
    assertThat(numbered).filteredOn(d -> d.endpointId().equals(disabled)).hasSize(4).noneMatch(PlannedDelivery::pending);
    assertThat(numbered).filteredOn(d -> !d.endpointId().equals(disabled)).allMatch(PlannedDelivery::pending);
  }

  @Test
  void aMessageAboutNoConnectionSkipsDisabledEndpointsAndIsNotNumbered() {
    Map<String, List<Endpoint>> endpoints = Map.of("app", List.of(
        endpoint(all, "app", Set.of(), EndpointStatus.ENABLED),
        endpoint(disabled, "app", Set.of(), EndpointStatus.DISABLED)));
    NewMessage notice = new NewMessage("e", "app", EventType.ENDPOINT_DISABLED, null, "{}", AT);

    FanOut.Plan plan = FanOut.plan(List.of(notice), endpoints);

    assertThat(plan.deliveries()).extracting(PlannedDelivery::endpointId).containsExactly(all);
    assertThat(plan.deliveries()).extracting(PlannedDelivery::connectionId).containsOnlyNulls();
    assertThat(FanOut.anyRecipient(notice, endpoints)).isTrue();
    assertThat(FanOut.anyRecipient(message("nobody", EventType.DATA_AVAILABLE, "c"), endpoints)).isFalse();
  }
}
