package dev.feedlink.platform.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AdjustableClockTest {

  private final Instant start = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void advancingMovesTimeForwardWithoutWaiting() {
    AdjustableClock clock = new AdjustableClock(Clock.fixed(start, ZoneOffset.UTC));

    clock.advance(Duration.ofDays(7));

    assertThat(clock.instant()).isEqualTo(start.plus(Duration.ofDays(7)));
    assertThat(clock.offset()).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void aFrozenClockStandsStillUntilMoved() {
    AdjustableClock clock = new AdjustableClock();
    clock.freeze();
    Instant frozen = clock.instant();

    assertThat(clock.instant()).isEqualTo(frozen);
    clock.advance(Duration.ofHours(1));
    assertThat(clock.instant()).isEqualTo(frozen.plus(Duration.ofHours(1)));
  }

  @Test
  void settingTheTimeKeepsItRunningFromThere() {
    AdjustableClock clock = new AdjustableClock(Clock.fixed(start, ZoneOffset.UTC));
    clock.setTo(start.plus(Duration.ofDays(30)));
    assertThat(clock.instant()).isEqualTo(start.plus(Duration.ofDays(30)));
  }

  @Test
  void aZonedViewSharesTheAdjustments() {
    AdjustableClock clock = new AdjustableClock(Clock.fixed(start, ZoneOffset.UTC));
    Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

    clock.advance(Duration.ofMinutes(5));

    assertThat(paris.instant()).isEqualTo(start.plus(Duration.ofMinutes(5)));
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
  }
}
