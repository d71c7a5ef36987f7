package dev.feedlink.scheduler.schedule.domain;

import java.time.LocalDate;
import java.util.Optional;

/** Every local calendar day at the time of day (so 23 or 25 hours apart across a DST change). */
public record DailySchedule(FiringTime time) implements Schedule {

  @Override
  public ScheduleType type() {
    return ScheduleType.DAILY;
  }

  @Override
  public Optional<LocalDate> firstDateOnOrAfter(LocalDate date) {
    return Optional.of(date);
  }
}
