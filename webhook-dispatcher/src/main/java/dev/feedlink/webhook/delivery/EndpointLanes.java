package dev.feedlink.webhook.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * One lane per endpoint: at most {@code maxInFlight} requests to it at once, the rest of its claimed
 * deliveries waiting in its own queue. A slow or dead endpoint fills only its own lane, and the
 * claim query gives no endpoint more than the room its lane has left, so nothing queues behind it.
 * A delivery whose reservation has too little left for one attempt when its turn comes is not
 * started: it is left to lapse and be claimed again, never sent twice.
 */
final class EndpointLanes {

  private final int maxInFlight;
  private final int capacity;
  private final Function<ClaimedDelivery, Mono<Void>> pipeline;
  private final Runnable onRoom;
  private final Clock clock;
  private final Duration attemptBudget;
  private final Runnable onLapsing;
  private final Map<UUID, Lane> lanes = new ConcurrentHashMap<>();

  /**
   * @param pipeline the stages of one attempt; must not fail
   * @param onRoom called when a busy lane has drained to half, so more can be claimed for it
   * @param attemptBudget how much of its reservation a delivery needs left to be started
   * @param onLapsing called for each delivery not started because its reservation would lapse,
   *     under the lane's lock: it must not block (a counter)
   */
  EndpointLanes(
      int maxInFlight, int capacity, Function<ClaimedDelivery, Mono<Void>> pipeline, Runnable onRoom, Clock clock,
      Duration attemptBudget, Runnable onLapsing) {
    this.maxInFlight = maxInFlight;
    this.capacity = capacity;
    this.pipeline = pipeline;
    this.onRoom = onRoom;
    this.clock = clock;
    this.attemptBudget = attemptBudget;
    this.onLapsing = onLapsing;
  }

  void submit(ClaimedDelivery delivery) {
    while (!lanes.computeIfAbsent(delivery.endpointId(), Lane::new).offer(delivery)) {
      // The lane emptied and retired between lookup and offer; the next lookup makes a new one.
    }
  }

  /** Reserves room for up to {@code wanted} deliveries about to be created; emits how many. */
  int reserve(UUID endpointId, int wanted) {
    while (true) {
      int granted = lanes.computeIfAbsent(endpointId, Lane::new).reserve(wanted);
      if (granted >= 0) {
        return granted;
      }
    }
  }

  void release(UUID endpointId, int count) {
    Lane lane = lanes.get(endpointId);
    if (lane != null) {
      lane.release(count);
    }
  }

  /** A delivery for which room was reserved (a reserved lane never retires). */
  void submitReserved(ClaimedDelivery delivery) {
    lanes.get(delivery.endpointId()).offerReserved(delivery);
  }

  /** Takes out every delivery still waiting (not started), e.g. to give it back when stopping. */
  List<ClaimedDelivery> drainWaiting() {
    List<ClaimedDelivery> drained = new ArrayList<>();
    lanes.values().forEach(lane -> lane.drainTo(drained));
    return drained;
  }

  /**
   * Room left of every endpoint that has deliveries in this instance (others have all of it). A
   * lane less than half empty reports none: it is refilled in chunks once it has drained to half
   * (it then asks), not a few deliveries per claim query.
   */
  Map<UUID, Integer> roomLeft() {
    Map<UUID, Integer> room = new HashMap<>();
    lanes.forEach((id, lane) -> {
      int left = capacity - lane.load();
      room.put(id, left * 2 >= capacity ? left : 0);
    });
    return room;
  }

  /** Deliveries held in this instance, running or waiting. */
  int load() {
    return lanes.values().stream().mapToInt(Lane::load).sum();
  }

  private final class Lane {
    private final UUID endpointId;
    private final ArrayDeque<ClaimedDelivery> waiting = new ArrayDeque<>();
    private int running;
    private int reserved;
    private boolean retired;
    /** Room was asked for since the last delivery came in: ask once per refill, not per request. */
    private boolean askedForMore;

    Lane(UUID endpointId) {
      this.endpointId = endpointId;
    }

    synchronized int load() {
      return running + waiting.size() + reserved;
    }

    /** Emits how many were reserved, or -1 when the lane has retired. */
    synchronized int reserve(int wanted) {
      if (retired) {
        return -1;
      }
      int granted = Math.max(0, Math.min(wanted, capacity - load()));
      reserved += granted;
      return granted;
    }

    void release(int count) {
      synchronized (this) {
        reserved -= count;
        retireIfIdle();
      }
    }

    void offerReserved(ClaimedDelivery delivery) {
      List<ClaimedDelivery> start;
      synchronized (this) {
        reserved--;
        waiting.add(delivery);
        askedForMore = false;
        start = startable();
      }
      start(start);
    }

    void drainTo(List<ClaimedDelivery> out) {
      synchronized (this) {
        out.addAll(waiting);
        waiting.clear();
        retireIfIdle();
      }
    }

    private void retireIfIdle() {
      if (running + waiting.size() + reserved == 0) {
        retired = true;
        lanes.remove(endpointId, this);
      }
    }

    boolean offer(ClaimedDelivery delivery) {
      List<ClaimedDelivery> start;
      synchronized (this) {
        if (retired) {
          return false;
        }
        waiting.add(delivery);
        askedForMore = false;
        start = startable();
      }
      start(start);
      return true;
    }

    private List<ClaimedDelivery> startable() {
      List<ClaimedDelivery> start = new ArrayList<>();
      Instant mustOutlast = null;
      while (running < maxInFlight && !waiting.isEmpty()) {
        ClaimedDelivery next = waiting.poll();
        if (mustOutlast == null) {
          mustOutlast = clock.instant().plus(attemptBudget);
        }
        if (next.leasedUntil().isBefore(mustOutlast)) {
          // Its reservation could lapse mid-attempt and another instance send it too.
          onLapsing.run();
          continue;
        }
        running++;
        start.add(next);
      }
      return start;
    }

    private void start(List<ClaimedDelivery> deliveries) {
      for (ClaimedDelivery d : deliveries) {
        pipeline.apply(d).doFinally(signal -> finished()).subscribe();
      }
    }

    private void finished() {
      List<ClaimedDelivery> start;
      boolean room;
      synchronized (this) {
        running--;
        start = startable();
        int load = running + waiting.size() + reserved;
        room = load <= capacity / 2 && !askedForMore;
        if (room) {
          askedForMore = true;
        }
        retireIfIdle();
      }
      start(start);
      if (room) {
        onRoom.run();
      }
    }
  }
}
