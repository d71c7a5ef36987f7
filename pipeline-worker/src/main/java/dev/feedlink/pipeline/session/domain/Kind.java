package dev.feedlink.pipeline.session.domain;

/** Why a session runs (the events' SessionKind). */
public enum Kind {
  CONNECT,
  RECONNECT,
  REWIND,
  STREAM_REFRESH,
  MANUAL_REFRESH,
  DISCONNECT;

  /** Nobody waits at a screen for a background refresh: a question to the user cannot be answered. */
  public boolean isBackground() {
    return this == STREAM_REFRESH || this == MANUAL_REFRESH;
  }

  /** Refreshes and Rewinds reuse what the user chose at the first connection. */
  public boolean reusesSelection() {
    return this != CONNECT;
  }
}
