package dev.feedlink.scheduler.schedule.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The calendar rules against an independent oracle: for random schedules, time zones (DST ones
 * included), times of day, jitter windows and starting instants, the firings that
 * {@link Schedule#nextAfter} walks through are exactly the oracle's firing dates at the schedule's
 * time, none skipped, none doubled.
 */
class ScheduleCalendarProperties {

  private static final List<String> ZONES =
      List.of(
          "UTC", "America/New_York", "Europe/Berlin", "Australia/Sydney", "America/Sao_Paulo",
          "Asia/Kolkata", "Pacific/Chatham", "America/Santiago", "Australia/Lord_Howe", "Asia/Tehran");

  /** A schedule with the oracle that says, independently, whether it fires on a local date. */
  record Case(Schedule schedule, Predicate<LocalDate> firesOn) {
    @Override
    public String toString() {
      return schedule.toString();
    }
  }

  @Provide
  Arbitrary<FiringTime> firingTimes() {
    Arbitrary<LocalTime> times = Arbitraries.integers().between(0, 24 * 60 - 1).map(m -> LocalTime.of(m / 60, m % 60));
    Arbitrary<ZoneId> zones = Arbitraries.of(ZONES).map(ZoneId::of);
    Arbitrary<Duration> jitter =
        Arbitraries.oneOf(Arbitraries.just(Duration.ZERO), Arbitraries.integers().between(0, 720).map(Duration::ofMinutes));
    return Combinators.combine(times, zones, jitter).as(FiringTime::new);
  }

  @Provide
  Arbitrary<Case> schedules() {
    Arbitrary<FiringTime> time = firingTimes();
    Arbitrary<Case> daily = time.map(t -> new Case(new DailySchedule(t), d -> true));
    Arbitrary<Case> weekly =
        Combinators.combine(Arbitraries.of(DayOfWeek.class), time)
            .as((day, t) -> new Case(new WeeklySchedule(day, t), d -> d.getDayOfWeek() == day));
    Arbitrary<Case> monthly =
        Combinators.combine(Arbitraries.integers().between(1, 31).set().ofMinSize(1).ofMaxSize(6), time)
            .as((days, t) -> new Case(new MonthlySchedule(new TreeSet<>(days), t), d -> days.stream().anyMatch(day -> clampedDay(d, day) == d.getDayOfMonth())));
    Arbitrary<Case> quarterly =
        Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 31), time)
            .as((moq, day, t) -> new Case(
                new QuarterlySchedule(moq, day, t),
                d -> (d.getMonthValue() - 1) % 3 + 1 == moq && clampedDay(d, day) == d.getDayOfMonth()));
    Arbitrary<Case> billDate =
        Combinators.combine(
                Arbitraries.integers().between(0, 400).map(n -> LocalDate.of(2023, 1, 1).plusDays(n)),
                time)
            .as((bill, t) -> new Case(
                new NextBillDateSchedule(bill, bill.getDayOfMonth(), t),
                d -> (!d.isBefore(bill) && !d.isAfter(bill.plusDays(NextBillDateSchedule.RETRY_DAYS)))
                    || (d.isAfter(bill.plusDays(NextBillDateSchedule.RETRY_DAYS)) && clampedDay(d, bill.getDayOfMonth()) == d.getDayOfMonth())));
    return Arbitraries.oneOf(daily, weekly, monthly, quarterly, billDate);
  }

  private static int clampedDay(LocalDate date, int day) {
    return Math.min(day, date.lengthOfMonth());
  }

  /** The oracle's firings in [from, from + days]: each firing date at the time of day, plus jitter. */
  private static List<Instant> oracle(Case c, Instant from, int days, long seed) {
    FiringTime t = c.schedule().time();
    Duration jitter = t.jitterFor(seed);
    List<Instant> out = new ArrayList<>();
    LocalDate start = from.atZone(t.zone()).toLocalDate().minusDays(2);
    for (int i = 0; i <= days + 4; i++) {
      LocalDate d = start.plusDays(i);
      if (c.firesOn().test(d)) {
        Instant firing = ZonedDateTime.of(d, t.timeOfDay(), t.zone()).toInstant().plus(jitter);
        if (firing.isAfter(from)) {
          out.add(firing);
        }
      }
    }
    return out;
  }

  @Property(tries = 400)
  void firingsAreExactlyTheCalendarsDatesAtTheTimeOfDay(
      @ForAll("schedules") Case c,
      @ForAll @LongRange(min = 946_684_800L, max = 2_208_988_800L) long fromEpochSecond,
      @ForAll long seed) {
    Instant from = Instant.ofEpochSecond(fromEpochSecond);
    int days = 200;
    List<Instant> expected = oracle(c, from, days, seed);
    Instant horizon = from.plus(Duration.ofDays(days));
    expected.removeIf(i -> i.isAfter(horizon));

    List<Instant> actual = new ArrayList<>();
    Instant at = from;
    while (true) {
      Instant next = c.schedule().nextAfter(at, seed).orElseThrow();
      assertThat(next).isAfter(at);
      if (next.isAfter(horizon)) {
        break;
      }
      actual.add(next);
      at = next;
    }
    assertThat(actual).containsExactlyElementsOf(expected);
  }

  @Property(tries = 300)
  void theNextFiringIsTheSameFromAnyInstantBeforeIt(
      @ForAll("schedules") Case c,
      @ForAll @LongRange(min = 946_684_800L, max = 2_208_988_800L) long fromEpochSecond,
      @ForAll @IntRange(min = 0, max = 1000) int permille,
      @ForAll long seed) {
    Instant from = Instant.ofEpochSecond(fromEpochSecond);
    Instant next = c.schedule().nextAfter(from, seed).orElseThrow();
    Instant between = from.plusMillis(Duration.between(from, next).toMillis() * permille / 1000);
    if (between.isBefore(next)) {
      assertThat(c.schedule().nextAfter(between, seed)).contains(next);
    }
    assertThat(c.schedule().nextAfter(next.minusNanos(1), seed)).contains(next);
  }

  @Property(tries = 300)
  void aMonthlyScheduleFiresOncePerDistinctClampedDayAndNeverTwiceOnOneDate(
      @ForAll("firingTimes") FiringTime time,
      @ForAll Set<@IntRange(min = 1, max = 31) Integer> days,
      @ForAll @IntRange(min = 2000, max = 2100) int year,
      @ForAll long seed) {
    if (days.isEmpty()) {
      return;
    }
    MonthlySchedule schedule = new MonthlySchedule(new TreeSet<>(days), time);
    Duration jitter = time.jitterFor(seed);
    Map<LocalDate, Integer> perDate = new HashMap<>();
    Instant from = ZonedDateTime.of(LocalDate.of(year, 1, 1), LocalTime.MIDNIGHT, time.zone()).toInstant().plus(jitter).minusNanos(1);
    Instant end = ZonedDateTime.of(LocalDate.of(year + 1, 1, 1), LocalTime.MIDNIGHT, time.zone()).toInstant().plus(jitter).minusNanos(1);
    for (Instant at = schedule.nextAfter(from, seed).orElseThrow(); !at.isAfter(end); at = schedule.nextAfter(at, seed).orElseThrow()) {
      perDate.merge(at.minus(jitter).atZone(time.zone()).toLocalDate(), 1, Integer::sum);
    }
    assertThat(perDate.values()).allMatch(n -> n == 1);
    for (int month = 1; month <= 12; month++) {
      java.time.YearMonth ym = java.time.YearMonth.of(year, month);
      long expected = days.stream().map(d -> Math.min(d, ym.lengthOfMonth())).distinct().count();
      assertThat(perDate.keySet().stream().filter(d -> java.time.YearMonth.from(d).equals(ym)).count())
          .as("firings in %s for days %s", ym, days)
          .isEqualTo(expected);
    }
  }

  @Property(tries = 200)
  void aDailyScheduleFiresOncePerLocalDayAtItsTimeOfDayWheneverThatTimeExists(
      @ForAll("firingTimes") FiringTime time, @ForAll @IntRange(min = 2000, max = 2100) int year) {
    FiringTime noJitter = new FiringTime(time.timeOfDay(), time.zone(), Duration.ZERO);
    DailySchedule daily = new DailySchedule(noJitter);
    Instant at = ZonedDateTime.of(LocalDate.of(year, 1, 1), LocalTime.MIDNIGHT, time.zone()).toInstant();
    LocalDate previous = null;
    for (int i = 0; i < 366; i++) {
      at = daily.nextAfter(at, 0).orElseThrow();
      ZonedDateTime local = at.atZone(time.zone());
      if (previous != null) {
        assertThat(local.toLocalDate()).isEqualTo(previous.plusDays(1));
      }
      boolean timeExists = time.zone().getRules().isValidOffset(local.toLocalDate().atTime(time.timeOfDay()), local.getOffset())
          || time.zone().getRules().getValidOffsets(local.toLocalDate().atTime(time.timeOfDay())).size() > 0;
      if (timeExists) {
        assertThat(local.toLocalTime()).isEqualTo(time.timeOfDay());
      }
      previous = local.toLocalDate();
    }
  }

  @Property(tries = 300)
  void jitterStaysInsideTheWindow(@ForAll("firingTimes") FiringTime time, @ForAll long seed) {
    Duration offset = time.jitterFor(seed);
    assertThat(offset).isGreaterThanOrEqualTo(Duration.ZERO);
    if (time.jitterWindow().isZero()) {
      assertThat(offset).isZero();
    } else {
      assertThat(offset).isLessThan(time.jitterWindow());
    }
  }
}
