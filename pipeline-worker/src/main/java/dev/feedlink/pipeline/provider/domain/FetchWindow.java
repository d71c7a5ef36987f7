package dev.feedlink.pipeline.provider.domain;

import java.time.Instant;

/**
 * The period of data to fetch. {@code to} is null for "up to whatever the provider has published":
 * the provider's clock decides what exists, not ours.
 */
public record FetchWindow(Instant from, Instant to) {

  public boolean contains(Instant t) {
    return !t.isBefore(from) && (to == null || t.isBefore(to));
  }
}
