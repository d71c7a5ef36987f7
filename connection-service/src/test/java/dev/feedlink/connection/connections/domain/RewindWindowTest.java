package dev.feedlink.connection.connections.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RewindWindowTest {

  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  @Test
  void noStartIsNothingToCheck() {
    assertThat(RewindWindow.problem(null, null, NOW)).isEmpty();
    assertThat(RewindWindow.problem(null, NOW.minusSeconds(60), NOW)).isEmpty();
  }

  @Test
  void aPastStartWithNoEndRunsUntilNow() {
    assertThat(RewindWindow.problem(NOW.minusSeconds(86_400), null, NOW)).isEmpty();
  }

  @Test
  void aStartInTheFutureIsRefused() {
    assertThat(RewindWindow.problem(NOW.plusSeconds(1), null, NOW)).hasValueSatisfying(why -> assertThat(why).contains("future"));
  }

  @Test
  void aStartNotBeforeTheEndIsRefused() {
    Instant from = NOW.minusSeconds(3_600);
    assertThat(RewindWindow.problem(from, from, NOW)).hasValueSatisfying(why -> assertThat(why).contains("before rewind_to"));
    assertThat(RewindWindow.problem(from, from.minusSeconds(1), NOW)).isPresent();
    assertThat(RewindWindow.problem(NOW, null, NOW)).hasValueSatisfying(why -> assertThat(why).contains("now"));
  }

  @Test
  void anEndInTheFutureIsAllowed() {
    assertThat(RewindWindow.problem(NOW.minusSeconds(60), NOW.plusSeconds(60), NOW)).isEmpty();
  }
}
