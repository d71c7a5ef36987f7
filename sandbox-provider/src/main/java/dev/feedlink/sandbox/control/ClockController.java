package dev.feedlink.sandbox.control;

import dev.feedlink.sandbox.control.domain.SandboxClock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET/POST /sandbox/clock}: reads and moves the sandbox clock, forward only. */
@RestController
class ClockController {

  record ClockState(Instant now, boolean frozen) {}

  /** Exactly one of {@code advance} (ISO-8601 duration or period) and {@code set}; {@code freeze} optional. */
  record MoveClock(String advance, String set, Boolean freeze) {}

  private final SandboxClock clock;

  ClockController(SandboxClock clock) {
    this.clock = clock;
  }

  @GetMapping("/sandbox/clock")
  ClockState now() {
    return new ClockState(clock.instant(), clock.frozen());
  }

  @PostMapping("/sandbox/clock")
  ClockState move(@RequestBody MoveClock request) {
    if (request.advance() != null && request.set() != null) {
      throw new InvalidControlInput("advance", "give either advance or set, not both", List.of());
    }
    if (request.advance() == null && request.set() == null && request.freeze() == null) {
      throw new InvalidControlInput("advance", "give advance (e.g. \"P1D\") or set (e.g. \"2026-12-01T00:00:00Z\"), and optionally freeze", List.of());
    }
    if (Boolean.TRUE.equals(request.freeze())) {
      clock.freeze();
    }
    if (request.advance() != null) {
      clock.advance(amount(request.advance()));
    }
    if (request.set() != null) {
      Instant target = instant(request.set());
      try {
        clock.setTo(target);
      } catch (IllegalArgumentException e) {
        throw new InvalidControlInput("set", e.getMessage(), List.of());
      }
    }
    if (Boolean.FALSE.equals(request.freeze())) {
      clock.unfreeze();
    }
    return now();
  }

  /** A duration ({@code PT6H}, {@code P1D}) or a calendar period ({@code P1M}) from now, never negative. */
  private Duration amount(String text) {
    Duration amount;
    try {
      amount = Duration.parse(text.strip());
    } catch (DateTimeParseException notADuration) {
      try {
        Period period = Period.parse(text.strip());
        Instant now = clock.instant();
        amount = Duration.between(now, now.atOffset(ZoneOffset.UTC).plus(period).toInstant());
      } catch (DateTimeParseException notAPeriod) {
        throw new InvalidControlInput("advance", "not an ISO-8601 duration or period: \"" + text + "\"", List.of("PT6H", "P1D", "P1M"));
      }
    }
    if (amount.isNegative()) {
      throw new InvalidControlInput("advance", "the sandbox clock never goes back; advance by a positive amount", List.of());
    }
    return amount;
  }

  private static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidControlInput("set", "not an ISO-8601 date-time: \"" + text + "\"", List.of("2026-12-01T00:00:00Z"));
    }
  }
}
