package dev.feedlink.pipeline.provider.domain;

import java.util.List;

/**
 * What a provider asks the user before it authorizes a login.
 *
 * @param expiresInSeconds how long the provider keeps the challenge open
 */
public record Challenge(
    String id, Prompt type, String question, List<String> methods, List<LinkedAccount> accounts, long expiresInSeconds) {

  public Challenge {
    methods = methods == null ? List.of() : List.copyOf(methods);
    accounts = accounts == null ? List.of() : List.copyOf(accounts);
  }

  /** The kinds of question, as the platform's events name them. */
  public enum Prompt {
    MFA_CODE,
    MFA_METHOD_CHOICE,
    SECURITY_QUESTION,
    MFA_ACTION,
    ACCOUNT_SELECTION
  }
}
