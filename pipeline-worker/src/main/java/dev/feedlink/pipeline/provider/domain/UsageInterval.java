package dev.feedlink.pipeline.provider.domain;

import java.math.BigDecimal;
import java.time.Instant;

/** One interval reading as Feedlink stores and delivers it: usage in the delivered unit. */
public record UsageInterval(Instant start, int durationSeconds, BigDecimal usage, String unit, String quality) {

  public Instant end() {
    return start.plusSeconds(durationSeconds);
  }
}
