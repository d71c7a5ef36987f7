package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.time.Instant;

/** One interval of the usable view, its usage in the {@link UsableSeries}' unit. */
public record UsableReading(Instant start, Instant end, BigDecimal usage) {}
