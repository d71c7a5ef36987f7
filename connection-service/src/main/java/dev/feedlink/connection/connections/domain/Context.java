package dev.feedlink.connection.connections.domain;

import java.time.Instant;

/**
 * Seed 000's view: status, reason, and when the transition that decided them happened (for a
 * finished session, its completion).
 */
public record Context(StatusReason reason, Instant timestamp) {

  public ConnectionStatus status() {
    return reason.status();
  }
}
