package dev.feedlink.scheduler.attempt.domain;

import java.util.Optional;

/** What the app must ask its user to do after a failed reconnection (seed 003's {@code resolution}). */
public record Resolution(String actionRequired, String details) {

  public static final int INVALID_CREDENTIALS = 40101;
  public static final int MFA_FAILED = 40102;

  public static Optional<Resolution> forCode(int code) {
    return switch (code) {
      case INVALID_CREDENTIALS -> Optional.of(new Resolution(
          "user_update", "Please prompt the user to update their credentials via the client application."));
      case MFA_FAILED -> Optional.of(new Resolution(
          "user_mfa", "Please prompt the user to complete MFA verification via the client application."));
      default -> Optional.empty();
    };
  }

  /** The seed's message for a code. */
  public static String messageFor(int code) {
    return switch (code) {
      case INVALID_CREDENTIALS -> "Reconnection failed due to invalid credentials. User credentials may have changed.";
      case MFA_FAILED -> "Reconnection failed due to unsuccessful Multi-Factor Authentication (MFA).";
      default -> "Reconnection failed.";
    };
  }
}
