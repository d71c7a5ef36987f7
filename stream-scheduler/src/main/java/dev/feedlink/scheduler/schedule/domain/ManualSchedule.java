package dev.feedlink.scheduler.schedule.domain;

import java.time.LocalDate;
import java.util.Optional;

/** Never fires by itself: refreshes run only when the app asks for one. */
public record ManualSchedule(FiringTime time) implements Schedule {

  @Override
  public ScheduleType type() {
    return ScheduleType.MANUAL;
  }

  @Override
  public Optional<LocalDate> firstDateOnOrAfter(LocalDate date) {
    return Optional.empty();
  }
}
