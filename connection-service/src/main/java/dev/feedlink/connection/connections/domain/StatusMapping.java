package dev.feedlink.connection.connections.domain;

import java.util.Optional;

/**
 * The table from one seed-002 transition to the seed-000 reason it means (README, "Connection
 * status"). It says what a transition means on its own; {@link ConnectionProjection} decides whether
 * it may change a connection (order, background refreshes, disconnection).
 */
public final class StatusMapping {

  private StatusMapping() {}

  /**
   * @param asked what the connection was asking before this transition (names the timeout when the
   *     pipeline's failure does not)
   * @return the reason, or empty for a code this table does not know (it changes nothing)
   */
  public static Optional<StatusReason> reasonFor(Transition t, Prompt asked) {
    FailureReason failure = t.failureReason();
    if (failure == FailureReason.CONSENT_EXPIRED) {
      return Optional.of(StatusReason.ConsentExpired);
    }
    return Optional.ofNullable(
        switch (t.code()) {
          case 6 -> authorization(t);
          case 9 -> StatusReason.ConnectedCredentials;
          case 2, 12, 13, 25 -> StatusReason.ConnectedWaitingOnDataExtraction;
          case 15, 21, 16, 18, 19 -> dataFound(t) ? StatusReason.DataFound : StatusReason.NoDataFound;
          case 7 -> errorInAuthorization(failure);
          case 20 -> timeout(failure, asked);
          case 8 -> StatusReason.ConsentExpired;
          case 26 -> StatusReason.UserDisconnected;
          case 11, 14, 17, 22, 23 -> sessionError(t);
          default -> null;
        });
  }

  /** A session in this status will not move again (seed 002's end and error states). */
  public static boolean endsSession(int code) {
    return switch (code) {
      case 19, 7, 8, 11, 14, 17, 20, 22, 23, 26 -> true;
      default -> false;
    };
  }

  private static StatusReason authorization(Transition t) {
    if (t.prompt() == null) {
      return StatusReason.Connecting;
    }
    return switch (t.failureReason()) {
      case MFA_CODE_INVALID -> StatusReason.MfaCodeInvalid;
      case SECURITY_ANSWER_INVALID -> StatusReason.SecurityAnswerInvalid;
      default -> t.prompt().type().requiredReason();
    };
  }

  /** From Structured (15) on the pipeline says whether data was found; older events only count. */
  static boolean dataFound(Transition t) {
    return t.dataFound() != null ? t.dataFound() : t.newRecords() > 0;
  }

  private static StatusReason errorInAuthorization(FailureReason failure) {
    return switch (failure) {
      case INVALID_CREDENTIALS, UNKNOWN -> StatusReason.InvalidCredentials;
      case PROVIDER_UNAVAILABLE, PROVIDER_ERROR, STALLED -> StatusReason.RetryLater;
      default -> StatusReason.Error;
    };
  }

  private static StatusReason timeout(FailureReason failure, Prompt asked) {
    return switch (failure) {
      case SECURITY_ANSWER_TIMEOUT -> StatusReason.SecurityAnswerTimeout;
      case ACCOUNT_SELECTION_TIMEOUT -> StatusReason.AccountSelectionTimeout;
      case MFA_CODE_TIMEOUT, MFA_ACTION_TIMEOUT -> StatusReason.MfaCodeTimeout;
      default -> {
        PromptType type = asked == null ? PromptType.MFA_CODE : asked.type();
        yield switch (type) {
          case SECURITY_QUESTION -> StatusReason.SecurityAnswerTimeout;
          case ACCOUNT_SELECTION -> StatusReason.AccountSelectionTimeout;
          default -> StatusReason.MfaCodeTimeout;
        };
      }
    };
  }

  /** Provider-side and transient (retry later), or ours (needs investigation). */
  private static StatusReason sessionError(Transition t) {
    FailureReason failure = t.failureReason();
    return switch (failure) {
      case PROVIDER_UNAVAILABLE, PROVIDER_ERROR, STALLED -> StatusReason.RetryLater;
      case MALFORMED_DATA, INTERNAL_ERROR -> StatusReason.Error;
      default -> t.code() == 23 || (t.failure() != null && t.failure().retryable())
          ? StatusReason.RetryLater
          : StatusReason.Error;
    };
  }
}
