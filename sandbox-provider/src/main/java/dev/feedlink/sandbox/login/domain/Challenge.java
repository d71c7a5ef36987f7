package dev.feedlink.sandbox.login.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A step the provider asks of the user before it authorizes the login.
 *
 * @param question the security question ({@code security_question}), else null
 * @param methods where a code can be sent ({@code mfa_method_choice}), else empty
 * @param method where the code was sent ({@code mfa_code} after a choice), else null
 * @param accounts the accounts offered ({@code account_selection}), else empty
 */
public record Challenge(
    String id,
    ChallengeType type,
    String question,
    List<String> methods,
    String method,
    List<ProviderAccount> accounts,
    Instant expiresAt,
    LoginAttempt attempt) {

  public static final String SECURITY_QUESTION = "What is your favourite colour?";
  public static final List<String> MFA_METHODS = List.of("sms", "email");

  public Challenge {
    methods = List.copyOf(methods);
    accounts = List.copyOf(accounts);
  }

  public boolean expired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** Seconds left, never negative. */
  public long expiresIn(Instant now) {
    return Math.max(0, Duration.between(now, expiresAt).toSeconds());
  }
}
