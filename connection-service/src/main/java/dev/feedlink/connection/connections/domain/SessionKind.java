package dev.feedlink.connection.connections.domain;

/** Why a session runs. */
public enum SessionKind {
  UNKNOWN,
  CONNECT,
  RECONNECT,
  REWIND,
  STREAM_REFRESH,
  MANUAL_REFRESH,
  DISCONNECT;

  /** Runs without the user present: its quiet progress must not disturb a healthy connection. */
  public boolean isBackground() {
    return this == STREAM_REFRESH || this == MANUAL_REFRESH;
  }
}
