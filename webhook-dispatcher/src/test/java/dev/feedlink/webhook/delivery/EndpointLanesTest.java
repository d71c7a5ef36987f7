package dev.feedlink.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** Per-endpoint lanes: bounded requests in flight, isolation, refills in chunks, no attempt past its lease. */
class EndpointLanesTest {

  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final Duration BUDGET = Duration.ofSeconds(17);

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  /** Attempts started and not yet finished, in the order they started; completing one finishes it. */
  private final List<Sinks.Empty<Void>> running = new ArrayList<>();
  private final List<Long> started = new ArrayList<>();
  private final AtomicInteger roomAsked = new AtomicInteger();
  private final AtomicInteger lapsing = new AtomicInteger();

  private EndpointLanes lanes(int maxInFlight, int capacity) {
    return new EndpointLanes(maxInFlight, capacity, d -> {
      Sinks.Empty<Void> done = Sinks.empty();
      running.add(done);
      started.add(d.deliveryId());
      return done.asMono();
    }, roomAsked::incrementAndGet, clock, BUDGET, lapsing::incrementAndGet);
  }

  private static ClaimedDelivery delivery(long id, UUID endpoint, Instant leasedUntil) {
    return new ClaimedDelivery(id, 1, 0, "event", endpoint, "https://example.com/hooks", 1, "msg_" + id,
        "connection.status_changed", "c1", id, NOW, "{}", leasedUntil, false);
  }

  private void finishOldest() {
    running.remove(0).tryEmitEmpty();
  }

  @Test
  void anEndpointNeverHasMoreThanItsRequestsInFlightAndTheRestStartAsTheyFinish() {
    EndpointLanes lanes = lanes(2, 10);
    UUID endpoint = UUID.randomUUID();
    for (long id = 1; id <= 5; id++) {
      lanes.submit(delivery(id, endpoint, NOW.plusSeconds(60)));
    }

    assertThat(started).containsExactly(1L, 2L);
    assertThat(lanes.load()).isEqualTo(5);

    finishOldest();
    assertThat(started).containsExactly(1L, 2L, 3L);
    finishOldest();
    finishOldest();
    finishOldest();
    finishOldest();
    assertThat(started).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(lanes.load()).isZero();
  }

  @Test
  void aStuckEndpointDoesNotHoldUpAnother() {
    EndpointLanes lanes = lanes(1, 10);
    UUID stuck = UUID.randomUUID();
    UUID healthy = UUID.randomUUID();
    lanes.submit(delivery(1, stuck, NOW.plusSeconds(60)));
    lanes.submit(delivery(2, stuck, NOW.plusSeconds(60)));

    lanes.submit(delivery(3, healthy, NOW.plusSeconds(60)));

    assertThat(started).containsExactly(1L, 3L);
  }

  @Test
  void aDeliveryWhoseReservationWouldLapseMidAttemptIsNotStartedAndIsCounted() {
    EndpointLanes lanes = lanes(1, 10);
    UUID endpoint = UUID.randomUUID();
    lanes.submit(delivery(1, endpoint, NOW.plusSeconds(60)));
    // Waits behind the first; by its turn less than one attempt's budget is left of its lease.
    lanes.submit(delivery(2, endpoint, NOW.plus(BUDGET).minusMillis(1)));
    lanes.submit(delivery(3, endpoint, NOW.plus(BUDGET)));

    finishOldest();

    assertThat(started).containsExactly(1L, 3L);
    assertThat(lapsing).hasValue(1);
  }

  @Test
  void aBusyLaneReportsNoRoomUntilItHasDrainedToHalfThenAsksOnce() {
    EndpointLanes lanes = lanes(1, 4);
    UUID endpoint = UUID.randomUUID();
    for (long id = 1; id <= 4; id++) {
      lanes.submit(delivery(id, endpoint, NOW.plusSeconds(60)));
    }
    assertThat(lanes.roomLeft()).containsEntry(endpoint, 0);

    finishOldest();
    assertThat(lanes.roomLeft()).containsEntry(endpoint, 0);
    assertThat(roomAsked).hasValue(0);

    finishOldest();
    assertThat(lanes.roomLeft()).containsEntry(endpoint, 2);
    assertThat(roomAsked).hasValue(1);

    finishOldest();
    assertThat(roomAsked).as("asked once per refill").hasValue(1);
  }

  @Test
  void reservedRoomCountsAgainstTheLaneUntilTheDeliveryArrivesOrIsGivenBack() {
    EndpointLanes lanes = lanes(2, 4);
    UUID endpoint = UUID.randomUUID();

    assertThat(lanes.reserve(endpoint, 3)).isEqualTo(3);
    assertThat(lanes.reserve(endpoint, 3)).as("only the room left").isEqualTo(1);
    lanes.release(endpoint, 1);
    lanes.submitReserved(delivery(1, endpoint, NOW.plusSeconds(60)));

    assertThat(started).containsExactly(1L);
    assertThat(lanes.load()).isEqualTo(3);
  }

  @Test
  void deliveriesNotStartedAreHandedBackWhenDrained() {
    EndpointLanes lanes = lanes(1, 10);
    UUID endpoint = UUID.randomUUID();
    for (long id = 1; id <= 3; id++) {
      lanes.submit(delivery(id, endpoint, NOW.plusSeconds(60)));
    }

    List<ClaimedDelivery> waiting = lanes.drainWaiting();

    assertThat(waiting).extracting(ClaimedDelivery::deliveryId).containsExactly(2L, 3L);
    assertThat(lanes.load()).isEqualTo(1);
  }
}
