package dev.feedlink.scheduler.schedule.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import java.util.Optional;

/** Once a week on {@code dayOfWeek}. */
public record WeeklySchedule(DayOfWeek dayOfWeek, FiringTime time) implements Schedule {

  public WeeklySchedule {
    Objects.requireNonNull(dayOfWeek, "dayOfWeek");
  }

  @Override
  public ScheduleType type() {
    return ScheduleType.WEEKLY;
  }

  @Override
  public Optional<LocalDate> firstDateOnOrAfter(LocalDate date) {
    return Optional.of(date.with(TemporalAdjusters.nextOrSame(dayOfWeek)));
  }
}
