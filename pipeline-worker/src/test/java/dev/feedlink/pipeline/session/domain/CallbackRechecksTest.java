package dev.feedlink.pipeline.session.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallbackRechecksTest {

  private static final Instant CALLED_BACK = Instant.parse("2026-11-24T12:00:00Z");
  private static final Duration POLL = Duration.ofMinutes(1);

  @Test
  void beforeAnyCallbackTheProviderIsAskedAtThePollInterval() {
    assertThat(CallbackRechecks.after(null, CALLED_BACK, POLL)).isEqualTo(POLL);
  }

  @Test
  void aProviderStillPreparingAfterItsCallbackIsAskedAgainAfter1248SecondsThenAtThePollInterval() {
    List<Long> asks = new ArrayList<>();
    Instant now = CALLED_BACK;
    for (int i = 0; i < 6; i++) {
      now = now.plus(CallbackRechecks.after(CALLED_BACK, now, POLL));
      asks.add(Duration.between(CALLED_BACK, now).toSeconds());
    }

    assertThat(asks).containsExactly(1L, 2L, 4L, 8L, 16L, 76L);
  }

  @Test
  void theBackOffNeverWaitsLongerThanThePollInterval() {
    Duration shortPoll = Duration.ofSeconds(3);

    assertThat(CallbackRechecks.after(CALLED_BACK, CALLED_BACK.plusSeconds(8), shortPoll)).isEqualTo(shortPoll);
  }
}
