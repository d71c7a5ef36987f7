package dev.feedlink.sandbox.login.domain;

import java.time.Instant;

/** Every way a login or a challenge answer can end. */
public sealed interface LoginOutcome {

  record Authorized(Grant grant) implements LoginOutcome {}

  /** The provider asks something of the user first. */
  record Challenged(Challenge challenge) implements LoginOutcome {}

  /** Unknown username or wrong password; the two are indistinguishable, as at a real provider. */
  record InvalidCredentials() implements LoginOutcome {}

  record ConsentExpired(Instant expiredAt) implements LoginOutcome {}

  /** A wrong answer; the user may try again until the challenge expires. */
  record WrongAnswer(AnswerError error, Challenge challenge) implements LoginOutcome {}

  /** The answer lacks what this challenge needs ({@code answer} or {@code accounts}). */
  record MissingAnswer(String field, Challenge challenge) implements LoginOutcome {}

  record UnknownChallenge() implements LoginOutcome {}

  record ChallengeExpired() implements LoginOutcome {}

  enum AnswerError {
    MFA_CODE_INVALID,
    MFA_METHOD_INVALID,
    SECURITY_ANSWER_INVALID,
    MFA_ACTION_INVALID,
    SELECTION_INVALID
  }
}
