package dev.feedlink.connection.connections.domain;

/** Seed 000's {@code connection_status}: the overall phase of a connection. */
public enum ConnectionStatus {
  Connecting,
  Connected,
  Disconnected,
  Error
}
