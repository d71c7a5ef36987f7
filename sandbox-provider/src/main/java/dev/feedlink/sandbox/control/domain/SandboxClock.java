package dev.feedlink.sandbox.control.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The sandbox's own time. It runs with the real clock from wherever it was set, and only ever moves
 * forward: a provider's published data, bills and consents cannot be taken back. Freezing it stops it
 * at one instant, so a test sees exactly the data of that instant.
 */
public final class SandboxClock extends Clock {

  /** Where the clock stands: {@code anchor} at real time {@code realAnchor}, or stopped at {@code anchor}. */
  private record Position(Instant anchor, Instant realAnchor, boolean frozen) {}

  private final Clock real;
  private final AtomicReference<Position> position;

  public SandboxClock(Clock real, Instant start, boolean frozen) {
    this.real = real;
    this.position = new AtomicReference<>(new Position(start, real.instant(), frozen));
  }

  @Override
  public Instant instant() {
    return at(position.get(), real.instant());
  }

  private static Instant at(Position p, Instant realNow) {
    return p.frozen() ? p.anchor() : p.anchor().plus(Duration.between(p.realAnchor(), realNow));
  }

  /** Moves the clock forward by {@code amount} (zero or positive). */
  public Instant advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("the sandbox clock never goes back; advance by a positive duration");
    }
    return move(now -> now.plus(amount));
  }

  /** Sets the clock to {@code target}, which must not be before its current instant. */
  public Instant setTo(Instant target) {
    return move(
        now -> {
          if (target.isBefore(now)) {
            throw new IllegalArgumentException(
                "the sandbox clock never goes back: " + target + " is before its now " + now);
          }
          return target;
        });
  }

  public Instant freeze() {
    return reposition(true);
  }

  public Instant unfreeze() {
    return reposition(false);
  }

  public boolean frozen() {
    return position.get().frozen();
  }

  private Instant reposition(boolean frozen) {
    return move(now -> now, frozen);
  }

  private Instant move(UnaryOperator<Instant> to) {
    return move(to, null);
  }

  private Instant move(UnaryOperator<Instant> to, Boolean frozen) {
    while (true) {
      Position current = position.get();
      Instant realNow = real.instant();
      Instant target = to.apply(at(current, realNow));
      Position next = new Position(target, realNow, frozen == null ? current.frozen() : frozen);
      if (position.compareAndSet(current, next)) {
        return target;
      }
    }
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** Zoned views are not needed: the sandbox converts instants to its providers' zones itself. */
  @Override
  public Clock withZone(ZoneId zone) {
    if (zone.equals(getZone())) {
      return this;
    }
    throw new UnsupportedOperationException("use instant() and convert to " + zone);
  }
}
