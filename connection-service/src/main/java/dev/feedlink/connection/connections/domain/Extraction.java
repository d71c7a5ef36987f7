package dev.feedlink.connection.connections.domain;

import java.time.Instant;

/** Seed 001's per-data-type extraction state ({@code BANK_ACCOUNT}, {@code INTERVAL}, ...). */
public record Extraction(
    String dataType, boolean success, String referenceId, Instant lastSuccess, Instant lastUpdated) {

  /** Keeps the last success across a failed extraction, which has none of its own. */
  public Extraction after(Extraction previous) {
    if (previous == null || lastSuccess != null) {
      return this;
    }
    return new Extraction(dataType, success, referenceId, previous.lastSuccess(), lastUpdated);
  }
}
