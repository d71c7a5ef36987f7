package dev.feedlink.scheduler.attempt.domain;

import java.time.Instant;

/** How the pipeline says a refresh ended. */
public sealed interface RefreshOutcome {

  Instant at();

  AttemptResult result();

  /** Logged in and delivered records never delivered before ({@code fresh}) or found none. */
  record Delivered(Instant at, boolean fresh) implements RefreshOutcome {
    @Override
    public AttemptResult result() {
      return fresh ? AttemptResult.SUCCESS : AttemptResult.NO_NEW_DATA;
    }
  }

  /** Could not log in: 40101 credentials, 40102 MFA. */
  record LoginRefused(Instant at, int code, String message, boolean mfaRequired, Instant mfaLastPrompt, String mfaFailureReason)
      implements RefreshOutcome {
    @Override
    public AttemptResult result() {
      return AttemptResult.RECONNECTION_FAILED;
    }
  }

  /** Failed otherwise (provider down, a pipeline error, no outcome within the in-flight timeout). */
  record Failed(Instant at, String message) implements RefreshOutcome {
    @Override
    public AttemptResult result() {
      return AttemptResult.FAILED;
    }
  }
}
