package dev.feedlink.connection.connections.domain;

/** Seed 001's {@code ConnectionStateEnum}. */
public enum ConnectionState {
  ACTIVE,
  EXPIRED,
  DISCONNECTED,
  INITIATED;

  /** Seed 001: scopes are shown only in these states. */
  public boolean showsScopes() {
    return this != INITIATED;
  }
}
