package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;

/** A reading under cleaning, with its usage in the series' reporting unit (the input stays as is). */
record Candidate(IntervalReading reading, BigDecimal value) {}
