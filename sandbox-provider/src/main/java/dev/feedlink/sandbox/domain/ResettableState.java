package dev.feedlink.sandbox.domain;

/** State that {@code POST /sandbox/reset} returns to its documented start (the clock is not one). */
public interface ResettableState {

  void reset();
}
