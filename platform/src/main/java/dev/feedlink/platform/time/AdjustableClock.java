package dev.feedlink.platform.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that runs with the system clock plus an offset that tests and the sandbox provider move
 * forward, so weeks of schedules play out in seconds without sleeping. {@link #freeze} stops it.
 */
public final class AdjustableClock extends Clock {

  private record State(Duration offset, Instant frozenAt) {}

  private final Clock base;
  private final AtomicReference<State> state;

  public AdjustableClock() {
    this(Clock.systemUTC());
  }

  public AdjustableClock(Clock base) {
    this.base = base;
    this.state = new AtomicReference<>(new State(Duration.ZERO, null));
  }

  @Override
  public Instant instant() {
    State s = state.get();
    return s.frozenAt() != null ? s.frozenAt() : base.instant().plus(s.offset());
  }

  /** Moves the clock forward (or back, with a negative amount). */
  public Instant advance(Duration amount) {
    state.updateAndGet(
        s -> s.frozenAt() != null
            ? new State(s.offset(), s.frozenAt().plus(amount))
            : new State(s.offset().plus(amount), null));
    return instant();
  }

  /** Sets the clock to {@code now}; it keeps running from there unless frozen. */
  public void setTo(Instant now) {
    state.updateAndGet(
        s -> s.frozenAt() != null
            ? new State(s.offset(), now)
            : new State(Duration.between(base.instant(), now), null));
  }

  /** Stops the clock at its current instant until {@link #unfreeze}. */
  public void freeze() {
    Instant now = instant();
    state.set(new State(Duration.between(base.instant(), now), now));
  }

  public void unfreeze() {
    State s = state.get();
    if (s.frozenAt() != null) {
      state.set(new State(Duration.between(base.instant(), s.frozenAt()), null));
    }
  }

  public Duration offset() {
    return Duration.between(base.instant(), instant());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (zone.equals(getZone())) {
      return this;
    }
    // Shares the state: a zoned view of the same adjustable time.
    AdjustableClock self = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return self.withZone(other);
      }

      @Override
      public Instant instant() {
        return self.instant();
      }
    };
  }
}
