package dev.feedlink.scheduler.schedule.domain;

/** Why a refresh job was requested. */
public enum RefreshTrigger {
  SCHEDULED,
  MANUAL
}
