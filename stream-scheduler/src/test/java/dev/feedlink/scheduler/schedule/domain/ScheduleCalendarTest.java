package dev.feedlink.scheduler.schedule.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Explicit cases: every example of seed 003, month ends, leap years and DST changes. */
class ScheduleCalendarTest {

  private static final long SEED = 42L;
  private static final LocalDate TODAY = LocalDate.of(2024, 12, 15);

  private static Schedule parse(String schedule, Map<String, Object> details) {
    return ScheduleDetails.parse(schedule, details, TODAY, null);
  }

  private static Instant next(Schedule schedule, String after) {
    return schedule.nextAfter(Instant.parse(after), SEED).orElseThrow();
  }

  /** The firings from {@code from} on, {@code count} of them. */
  private static List<Instant> firings(Schedule schedule, String from, int count) {
    List<Instant> out = new ArrayList<>();
    Instant at = Instant.parse(from);
    for (int i = 0; i < count; i++) {
      at = schedule.nextAfter(at, SEED).orElseThrow();
      out.add(at);
    }
    return out;
  }

  private static List<Instant> instants(String... values) {
    return java.util.Arrays.stream(values).map(Instant::parse).toList();
  }

  // --- the seed's examples -------------------------------------------------------------------

  @Test
  void theSeedsDailyStatusExampleRefreshesNextAtMidnightUtcTheFollowingDay() {
    // "last_attempt": "2024-12-15T00:00:00Z" -> "next_refresh": "2024-12-16T00:00:00Z"
    assertThat(next(parse("daily", null), "2024-12-15T00:00:00Z")).isEqualTo("2024-12-16T00:00:00Z");
  }

  @Test
  void aDailyScheduleFiresEveryTwentyFourHoursInUtc() {
    assertThat(firings(parse("daily", Map.of()), "2024-12-15T10:00:00Z", 3))
        .containsExactlyElementsOf(instants("2024-12-16T00:00:00Z", "2024-12-17T00:00:00Z", "2024-12-18T00:00:00Z"));
  }

  @Test
  void theSeedsWeeklyExampleFiresEveryMonday() {
    Schedule monday = parse("weekly", Map.of("day_of_week", "Monday"));
    // 2024-12-11 is a Wednesday.
    assertThat(firings(monday, "2024-12-11T08:00:00Z", 2))
        .containsExactlyElementsOf(instants("2024-12-16T00:00:00Z", "2024-12-23T00:00:00Z"));
  }

  @Test
  void dayNamesAreCaseInsensitive() {
    for (String name : List.of("monday", "MONDAY", "mOnDaY", " Monday ")) {
      assertThat(((WeeklySchedule) parse("weekly", Map.of("day_of_week", name))).dayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
    }
    assertThat(((WeeklySchedule) parse("weekly", Map.of("day_of_week", "sunday"))).dayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
  }

  @Test
  void theSeedsMonthlyExampleFiresOnTheFifthAndFifteenth() {
    Schedule schedule = parse("monthly", Map.of("days_of_month", List.of(5, 15)));
    assertThat(firings(schedule, "2024-12-06T00:00:00Z", 3))
        .containsExactlyElementsOf(instants("2024-12-15T00:00:00Z", "2025-01-05T00:00:00Z", "2025-01-15T00:00:00Z"));
  }

  @Test
  void theSeedsListOfValidValuesExampleFiresOnTheFirstFifteenthAndThirtiethAndOnFebruarysLastDay() {
    Schedule schedule = parse("monthly", Map.of("days_of_month", List.of(1, 15, 30)));
    assertThat(firings(schedule, "2023-01-31T00:00:00Z", 6))
        .containsExactlyElementsOf(
            instants(
                "2023-02-01T00:00:00Z", "2023-02-15T00:00:00Z", "2023-02-28T00:00:00Z",
                "2023-03-01T00:00:00Z", "2023-03-15T00:00:00Z", "2023-03-30T00:00:00Z"));
  }

  @Test
  void the31stFallsOnTheLastDayOfShorterMonthsIncludingLeapFebruary() {
    Schedule schedule = parse("monthly", Map.of("days_of_month", List.of(31)));
    assertThat(firings(schedule, "2024-01-01T00:00:00Z", 5))
        .containsExactlyElementsOf(
            instants(
                "2024-01-31T00:00:00Z", "2024-02-29T00:00:00Z", "2024-03-31T00:00:00Z",
                "2024-04-30T00:00:00Z", "2024-05-31T00:00:00Z"));
    assertThat(next(schedule, "2023-02-01T00:00:00Z")).isEqualTo("2023-02-28T00:00:00Z");
  }

  @Test
  void daysThatFallOnTheSameDateFireOnce() {
    Schedule schedule = parse("monthly", Map.of("days_of_month", List.of(29, 30, 31)));
    // February 2023 has 28 days: 29, 30 and 31 are all the 28th, one refresh.
    assertThat(firings(schedule, "2023-02-01T00:00:00Z", 4))
        .containsExactlyElementsOf(
            instants("2023-02-28T00:00:00Z", "2023-03-29T00:00:00Z", "2023-03-30T00:00:00Z", "2023-03-31T00:00:00Z"));
    // In leap February 29 is its own day, 30 and 31 fall on it too.
    assertThat(firings(schedule, "2024-02-01T00:00:00Z", 2))
        .containsExactlyElementsOf(instants("2024-02-29T00:00:00Z", "2024-03-29T00:00:00Z"));
  }

  @Test
  void aSingleDayOfMonthIsAcceptedAsTheSeedsExplanationSpellsIt() {
    Schedule schedule = parse("monthly", Map.of("day_of_month", 5));
    assertThat(((MonthlySchedule) schedule).daysOfMonth()).containsExactly(5);
    assertThat(parse("monthly", Map.of("days_of_month", 7)).nextAfter(Instant.parse("2024-12-01T00:00:00Z"), SEED))
        .contains(Instant.parse("2024-12-07T00:00:00Z"));
  }

  @Test
  void quarterlyDefaultsToTheFirstDayOfEachQuarter() {
    assertThat(firings(parse("quarterly", null), "2024-02-10T00:00:00Z", 4))
        .containsExactlyElementsOf(
            instants("2024-04-01T00:00:00Z", "2024-07-01T00:00:00Z", "2024-10-01T00:00:00Z", "2025-01-01T00:00:00Z"));
  }

  @Test
  void quarterlyOnACustomDayLikeThe15th() {
    assertThat(firings(parse("quarterly", Map.of("day_of_month", 15)), "2024-01-15T00:00:00Z", 2))
        .containsExactlyElementsOf(instants("2024-04-15T00:00:00Z", "2024-07-15T00:00:00Z"));
  }

  @Test
  void theSeedsQuarterlyExampleThe30thForFebruaryInQ1FallsOnFebruarysLastDay() {
    Schedule schedule = parse("quarterly", Map.of("month_of_quarter", 2, "day_of_month", 30));
    assertThat(firings(schedule, "2023-01-01T00:00:00Z", 5))
        .containsExactlyElementsOf(
            instants(
                "2023-02-28T00:00:00Z", "2023-05-30T00:00:00Z", "2023-08-30T00:00:00Z",
                "2023-11-30T00:00:00Z", "2024-02-29T00:00:00Z"));
  }

  @Test
  void quarterlyOnThe31stOfTheQuartersLastMonthClampsToJuneAndSeptember30() {
    Schedule schedule = parse("quarterly", Map.of("month_of_quarter", 3, "day_of_month", 31));
    assertThat(firings(schedule, "2024-01-01T00:00:00Z", 4))
        .containsExactlyElementsOf(
            instants("2024-03-31T00:00:00Z", "2024-06-30T00:00:00Z", "2024-09-30T00:00:00Z", "2024-12-31T00:00:00Z"));
  }

  @Test
  void manualNeverFiresByItself() {
    assertThat(parse("manual", null).nextAfter(Instant.parse("2024-12-15T00:00:00Z"), SEED)).isEmpty();
  }

  // --- next bill date --------------------------------------------------------------------------

  @Test
  void nextBillDateFiresOnTheBillDateThenRetriesDailyUntilANewerBillDateIsKnownThenFallsBackMonthly() {
    FiringTime time = new FiringTime(LocalTime.of(9, 0), ZoneId.of("UTC"), Duration.ZERO);
    NextBillDateSchedule schedule = new NextBillDateSchedule(LocalDate.of(2025, 1, 10), 10, time);
    assertThat(firings(schedule, "2024-12-20T00:00:00Z", 6))
        .containsExactlyElementsOf(
            instants(
                "2025-01-10T09:00:00Z", "2025-01-11T09:00:00Z", "2025-01-12T09:00:00Z",
                "2025-01-13T09:00:00Z", "2025-02-10T09:00:00Z", "2025-03-10T09:00:00Z"));
    // The bill posted on the 11th carried the next bill date: retries stop, the new date counts.
    NextBillDateSchedule learned = schedule.withBillDate(LocalDate.of(2025, 2, 9));
    assertThat(next(learned, "2025-01-11T09:00:00Z")).isEqualTo("2025-02-09T09:00:00Z");
  }

  @Test
  void untilABillDateIsKnownNextBillDateFallsBackToMonthlyOnTheActivationDay() {
    Schedule schedule = ScheduleDetails.parse("next_bill_date", null, LocalDate.of(2024, 1, 31), null);
    assertThat(firings(schedule, "2024-01-31T12:00:00Z", 3))
        .containsExactlyElementsOf(instants("2024-02-29T00:00:00Z", "2024-03-31T00:00:00Z", "2024-04-30T00:00:00Z"));
  }

  @Test
  void aBillDateKnownAtActivationIsUsedAtOnce() {
    Schedule schedule = ScheduleDetails.parse("next_bill_date", null, TODAY, LocalDate.of(2024, 12, 28));
    assertThat(next(schedule, "2024-12-15T10:00:00Z")).isEqualTo("2024-12-28T00:00:00Z");
  }

  // --- time of day, time zones, DST ------------------------------------------------------------

  @Test
  void aTimeOfDayInATimeZoneFollowsDaylightSavingTime() {
    Schedule berlin = parse("daily", Map.of("time_of_day", "06:00", "time_zone", "Europe/Berlin"));
    // CET (UTC+1) until 2024-03-31 02:00, then CEST (UTC+2).
    assertThat(firings(berlin, "2024-03-29T12:00:00Z", 3))
        .containsExactlyElementsOf(instants("2024-03-30T05:00:00Z", "2024-03-31T04:00:00Z", "2024-04-01T04:00:00Z"));
  }

  @Test
  void aTimeInTheSpringForwardGapFiresOnceJustAfterTheGap() {
    Schedule ny = parse("daily", Map.of("time_of_day", "02:30", "time_zone", "America/New_York"));
    // 2024-03-10 02:00 EST jumps to 03:00 EDT: 02:30 does not exist that day, it fires at 03:30 EDT.
    assertThat(firings(ny, "2024-03-09T00:00:00Z", 3))
        .containsExactlyElementsOf(instants("2024-03-09T07:30:00Z", "2024-03-10T07:30:00Z", "2024-03-11T06:30:00Z"));
  }

  @Test
  void aTimeInTheFallBackOverlapFiresOnceAtItsFirstOccurrence() {
    Schedule ny = parse("daily", Map.of("time_of_day", "01:30", "time_zone", "America/New_York"));
    // 2024-11-03 01:30 happens twice (EDT, then EST): one firing, the first (05:30Z).
    assertThat(firings(ny, "2024-11-02T12:00:00Z", 3))
        .containsExactlyElementsOf(instants("2024-11-03T05:30:00Z", "2024-11-04T06:30:00Z", "2024-11-05T06:30:00Z"));
    assertThat(next(ny, "2024-11-03T05:30:00Z")).isEqualTo("2024-11-04T06:30:00Z");
  }

  @Test
  void aWeeklyScheduleKeepsItsLocalTimeAcrossTheSouthernHemispheresDstChange() {
    Schedule sydney = parse("weekly", Map.of("day_of_week", "Sunday", "time_of_day", "03:00", "time_zone", "Australia/Sydney"));
    // 2024-04-07 03:00 AEDT becomes 02:00 AEST: 03:00 local is 17:00Z the day before, AEST.
    assertThat(firings(sydney, "2024-03-30T00:00:00Z", 2))
        .containsExactlyElementsOf(instants("2024-03-30T16:00:00Z", "2024-04-06T17:00:00Z"));
  }

  // --- jitter ----------------------------------------------------------------------------------

  @Test
  void jitterGivesEachAccountAFixedOffsetInsideTheWindow() {
    Schedule schedule = parse("daily", Map.of("time_of_day", "01:00", "jitter_minutes", 60));
    TreeSet<Long> offsets = new TreeSet<>();
    for (long account = 0; account < 200; account++) {
      Instant first = schedule.nextAfter(Instant.parse("2024-12-15T00:00:00Z"), account).orElseThrow();
      Instant second = schedule.nextAfter(first, account).orElseThrow();
      long offset = Duration.between(Instant.parse("2024-12-15T01:00:00Z"), first).toSeconds();
      assertThat(offset).isBetween(0L, 3599L);
      assertThat(Duration.between(first, second)).isEqualTo(Duration.ofDays(1));
      offsets.add(offset);
    }
    // 200 accounts spread over the hour, not bunched.
    assertThat(offsets.size()).isGreaterThan(150);
    assertThat(offsets.first()).isLessThan(600);
    assertThat(offsets.last()).isGreaterThan(3000);
  }

  @Test
  void aJitteredFiringThatIsDueButNotYetPassedIsStillTheNextOne() {
    Schedule schedule = parse("daily", Map.of("jitter_minutes", 720));
    Instant first = schedule.nextAfter(Instant.parse("2024-12-15T00:00:00Z"), SEED).orElseThrow();
    assertThat(schedule.nextAfter(first.minusSeconds(1), SEED)).contains(first);
    assertThat(schedule.nextAfter(first, SEED)).contains(first.plus(Duration.ofDays(1)));
  }

  // --- after downtime --------------------------------------------------------------------------

  @Test
  void afterDowntimeTheNextRunIsComputedFromNowNotReplayedPerMissedPeriod() {
    Schedule daily = parse("daily", null);
    Instant now = Instant.parse("2024-12-20T07:00:00Z");
    // Due since 2024-12-16: the missed run fires once (now), the next one is tomorrow's.
    assertThat(daily.nextAfter(now, SEED)).contains(Instant.parse("2024-12-21T00:00:00Z"));
  }

  @Test
  void canonicalDetailsEchoTheScheduleAndOnlyNonDefaultTiming() {
    assertThat(ScheduleDetails.describe(parse("weekly", Map.of("day_of_week", "monday")))).isEqualTo(Map.of("day_of_week", "Monday"));
    assertThat(ScheduleDetails.describe(parse("monthly", Map.of("days_of_month", List.of(15, 5, 5)))))
        .isEqualTo(Map.of("days_of_month", List.of(5, 15)));
    assertThat(ScheduleDetails.describe(parse("daily", Map.of("time_of_day", "06:30", "time_zone", "Europe/Berlin", "jitter_minutes", 30))))
        .isEqualTo(Map.of("time_of_day", "06:30", "time_zone", "Europe/Berlin", "jitter_minutes", 30L));
    assertThat(ScheduleDetails.describe(parse("daily", null))).isEmpty();
    assertThat(Optional.of(ScheduleDetails.describe(parse("quarterly", null)))).contains(Map.of("month_of_quarter", 1, "day_of_month", 1));
  }
}
