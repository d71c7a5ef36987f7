package dev.feedlink.pipeline.provider.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class EspiLocalTimeTest {

  /** The parameters every sample carries: US Eastern, second Sunday of March to first Sunday of November. */
  private final EspiLocalTime eastern = EspiLocalTime.of(-18000, 3600, "360E2000", "B40E2000");

  @Test
  void theSampleRulesAreTheUsRulesFor2012And2026() {
    assertThat(EspiLocalTime.transition(0x360E2000L, 2012)).isEqualTo(LocalDateTime.of(2012, 3, 11, 2, 0));
    assertThat(EspiLocalTime.transition(0xB40E2000L, 2012)).isEqualTo(LocalDateTime.of(2012, 11, 4, 2, 0));
    assertThat(EspiLocalTime.transition(0x360E2000L, 2026)).isEqualTo(LocalDateTime.of(2026, 3, 8, 2, 0));
    assertThat(EspiLocalTime.transition(0xB40E2000L, 2026)).isEqualTo(LocalDateTime.of(2026, 11, 1, 2, 0));
  }

  @Test
  void everyQuarterHourOfTwoYearsIsOnTheSameLocalTimeAsTheJdkSays() {
    ZoneId newYork = ZoneId.of("America/New_York");
    for (Instant t = Instant.parse("2025-01-01T00:00:00Z"); t.isBefore(Instant.parse("2027-01-01T00:00:00Z")); t = t.plusSeconds(900)) {
      assertThat(eastern.toLocal(t)).as("%s", t).isEqualTo(t.atZone(newYork).toLocalDateTime());
    }
  }

  @Test
  void theFallBackDayHasAHundredQuarterHoursAndTheSpringDayNinetyTwo() {
    assertThat(quarterHoursOn(LocalDate.of(2026, 11, 1))).isEqualTo(100);
    assertThat(quarterHoursOn(LocalDate.of(2026, 3, 8))).isEqualTo(92);
    assertThat(quarterHoursOn(LocalDate.of(2026, 6, 1))).isEqualTo(96);
  }

  private long quarterHoursOn(LocalDate day) {
    Instant from = day.atStartOfDay().minusDays(1).toInstant(java.time.ZoneOffset.UTC);
    long count = 0;
    for (Instant t = from; t.isBefore(from.plus(Duration.ofDays(3))); t = t.plusSeconds(900)) {
      if (eastern.localDate(t).equals(day)) {
        count++;
      }
    }
    return count;
  }

  @Test
  void withoutRulesItIsTheStandardOffsetAllYear() {
    EspiLocalTime fixed = EspiLocalTime.of(36000, 0, null, null);
    assertThat(fixed.observesDst()).isFalse();
    assertThat(fixed.offsetAt(Instant.parse("2026-07-01T00:00:00Z")).getTotalSeconds()).isEqualTo(36000);
  }

  @Test
  void theSouthernHemisphereKeepsDaylightSavingOverTheNewYear() {
    // Sydney: +10:00, DST from the first Sunday of October to the first Sunday of April, at 2:00 / 3:00.
    long start = (10L << 28) | (2L << 25) | (7L << 17) | (2L << 12);
    long end = (4L << 28) | (2L << 25) | (7L << 17) | (3L << 12);
    EspiLocalTime sydney = new EspiLocalTime(36000, 3600, start, end);
    ZoneId zone = ZoneId.of("Australia/Sydney");
    for (Instant t = Instant.parse("2025-01-01T00:00:00Z"); t.isBefore(Instant.parse("2026-01-01T00:00:00Z")); t = t.plusSeconds(3600)) {
      assertThat(sydney.toLocal(t)).as("%s", t).isEqualTo(t.atZone(zone).toLocalDateTime());
    }
  }
}
