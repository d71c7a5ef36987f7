package dev.feedlink.scheduler.schedule;

import java.util.Map;

/** What the app asks for: {@code schedule}, {@code data_type}, {@code schedule_details}. */
record ScheduleRequest(String schedule, String dataType, Map<String, Object> details) {}
