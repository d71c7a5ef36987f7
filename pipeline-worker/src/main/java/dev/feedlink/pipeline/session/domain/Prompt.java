package dev.feedlink.pipeline.session.domain;

import dev.feedlink.pipeline.provider.domain.Challenge;
import dev.feedlink.pipeline.provider.domain.LinkedAccount;
import java.time.Instant;
import java.util.List;

/**
 * The question a session waits on: what the provider asked, its challenge id there, and until when
 * the user may answer (the pipeline's own prompt timeout, on the pipeline's clock).
 */
public record Prompt(
    Challenge.Prompt type,
    String challengeId,
    String question,
    List<String> methods,
    List<LinkedAccount> accounts,
    Instant askedAt,
    Instant expiresAt) {

  public Prompt {
    methods = methods == null ? List.of() : List.copyOf(methods);
    accounts = accounts == null ? List.of() : List.copyOf(accounts);
  }

  public static Prompt of(Challenge challenge, Instant now, Instant expiresAt) {
    return new Prompt(challenge.type(), challenge.id(), challenge.question(), challenge.methods(), challenge.accounts(), now, expiresAt);
  }

  /** The same question, asked again after a wrong answer: the deadline does not move. */
  public Prompt askedAgain(String challengeId, Instant now) {
    return new Prompt(type, challengeId, question, methods, accounts, now, expiresAt);
  }

  /** Why the session ends when this prompt expires unanswered. */
  public FailureReason timeoutReason() {
    return switch (type) {
      case MFA_CODE, MFA_METHOD_CHOICE -> FailureReason.MFA_CODE_TIMEOUT;
      case SECURITY_QUESTION -> FailureReason.SECURITY_ANSWER_TIMEOUT;
      case MFA_ACTION -> FailureReason.MFA_ACTION_TIMEOUT;
      case ACCOUNT_SELECTION -> FailureReason.ACCOUNT_SELECTION_TIMEOUT;
    };
  }
}
