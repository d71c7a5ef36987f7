package dev.feedlink.sandbox.control.domain;

import dev.feedlink.sandbox.domain.ResettableState;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/** The current {@link Settings}, changed atomically; {@link #reset} restores the configured ones. */
public final class SandboxSettings implements ResettableState {

  private final Settings configured;
  private final AtomicReference<Settings> current;

  public SandboxSettings(Settings configured) {
    this.configured = configured;
    this.current = new AtomicReference<>(configured);
  }

  public Settings current() {
    return current.get();
  }

  public Settings update(UnaryOperator<Settings> change) {
    return current.updateAndGet(change);
  }

  @Override
  public void reset() {
    current.set(configured);
  }
}
