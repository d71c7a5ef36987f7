package dev.feedlink.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Local days in America/New_York: the spring-forward day has 23 hours (92 quarter hours, 23 hours of
 * gas), the fall-back day 25 (100 and 25). This sandbox starts at noon of spring forward 2027.
 */
@SandboxTest.ClockStart("2027-03-14T16:00:00Z")
class DaylightSavingTest extends UtilityTest {

  @Test
  void theSpringForwardDayIsPublishedWith92And23Readings() {
    Instant before = now();
    sandbox.clock().advance(Duration.ofDays(1));

    ParsedFeed day = feed(utility("user_good", "device-1"), "?published-min=" + before);

    ParsedFeed.Block electricity = day.account("5550000101").blocks().get(0);
    ParsedFeed.Block gas = day.account("5550000102").blocks().get(0);
    assertThat(electricity.title()).isEqualTo(LocalDate.of(2027, 3, 14));
    assertThat(electricity.duration()).isEqualTo(82_800);
    assertThat(electricity.readings()).hasSize(92);
    assertThat(gas.readings()).hasSize(23);
    assertThat(gas.duration()).isEqualTo(82_800);
  }

  @Test
  void theFallBackDayHas100And25Readings() {
    ParsedFeed feed = feed(utility("user_good", "device-1"),
        window(Instant.parse("2026-11-02T04:00:00Z"), Instant.parse("2026-11-02T06:00:00Z")));

    ParsedFeed.Block electricity = feed.account("5550000101").blocks().get(0);
    assertThat(electricity.title()).isEqualTo(LocalDate.of(2026, 11, 1));
    assertThat(electricity.published()).isEqualTo(Instant.parse("2026-11-02T05:00:00Z"));
    assertThat(electricity.duration()).isEqualTo(90_000);
    assertThat(electricity.readings()).hasSize(100);
    assertThat(feed.account("5550000102").blocks().get(0).readings()).hasSize(25);
  }
}
