package dev.feedlink.webhook.delivery.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {

  static final List<Duration> SCHEDULE =
      List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
          Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
  static final Instant NOW = Instant.parse("2024-12-15T12:00:00Z");

  final RetrySchedule schedule = new RetrySchedule(SCHEDULE, 0.2, Duration.ofDays(1));
  final DeliveryPolicy policy = new DeliveryPolicy(schedule);

  @Test
  void aTwoHundredAnythingIsDone() {
    assertThat(policy.decide(new AttemptOutcome.Delivered(204, ""), 1, NOW, () -> 0.5)).isInstanceOf(NextStep.Done.class);
  }

  @Test
  void failuresFollowTheScheduleWithinTheJitter() {
    for (int made = 1; made < SCHEDULE.size(); made++) {
      Duration base = SCHEDULE.get(made);
      Instant low = ((NextStep.RetryAt) policy.decide(new AttemptOutcome.Unreachable("refused"), made, NOW, () -> 0.0)).at();
      Instant mid = ((NextStep.RetryAt) policy.decide(new AttemptOutcome.Rejected(500, null, ""), made, NOW, () -> 0.5)).at();
      Instant high = ((NextStep.RetryAt) policy.decide(new AttemptOutcome.TargetRefused("private"), made, NOW, () -> 0.999999)).at();

      assertThat(mid).isEqualTo(NOW.plus(base));
      assertThat(low).isEqualTo(NOW.plusMillis(Math.round(base.toMillis() * 0.8)));
      assertThat(Duration.between(NOW, high)).isLessThanOrEqualTo(Duration.ofMillis(Math.round(base.toMillis() * 1.2)));
    }
  }

  @Test
  void afterTheLastScheduledAttemptTheDeliveryIsGivenUp() {
    assertThat(policy.decide(new AttemptOutcome.Rejected(500, null, ""), SCHEDULE.size(), NOW, () -> 0.5))
        .isInstanceOf(NextStep.GiveUp.class);
    assertThat(schedule.attempts()).isEqualTo(8);
  }

  @Test
  void retryAfterPushesTheNextAttemptLaterButNeverEarlierAndIsCapped() {
    NextStep later = policy.decide(new AttemptOutcome.Rejected(503, Duration.ofHours(1), ""), 1, NOW, () -> 0.5);
    NextStep notEarlier = policy.decide(new AttemptOutcome.Rejected(429, Duration.ofSeconds(1), ""), 2, NOW, () -> 0.5);
    NextStep capped = policy.decide(new AttemptOutcome.Rejected(503, Duration.ofDays(30), ""), 1, NOW, () -> 0.5);

    assertThat(((NextStep.RetryAt) later).at()).isEqualTo(NOW.plus(Duration.ofHours(1)));
    assertThat(((NextStep.RetryAt) notEarlier).at()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    assertThat(((NextStep.RetryAt) capped).at()).isEqualTo(NOW.plus(Duration.ofDays(1)));
  }

  @Test
  void goneDisablesTheEndpointWhateverTheAttempt() {
    assertThat(policy.decide(new AttemptOutcome.Gone(""), 1, NOW, () -> 0.5)).isInstanceOf(NextStep.DisableEndpoint.class);
  }

  @Test
  void anEndpointIsDisabledOnlyAfterFailingForTheWholePeriod() {
    FailingEndpoints failing = new FailingEndpoints(Duration.ofDays(5));

    assertThat(failing.shouldDisable(null, NOW)).isFalse();
    assertThat(failing.shouldDisable(NOW.minus(Duration.ofDays(5)).plusSeconds(1), NOW)).isFalse();
    assertThat(failing.shouldDisable(NOW.minus(Duration.ofDays(5)), NOW)).isTrue();
  }
}
