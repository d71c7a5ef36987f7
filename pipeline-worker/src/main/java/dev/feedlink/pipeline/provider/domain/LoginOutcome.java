package dev.feedlink.pipeline.provider.domain;

import java.util.List;

/** How a provider answered a login or a challenge answer. */
public sealed interface LoginOutcome {

  /** Logged in: a token for the data, valid for some seconds, to these accounts. */
  record Authorized(String accessToken, long expiresInSeconds, List<String> scopes, List<LinkedAccount> accounts, String subscriptionId)
      implements LoginOutcome {
    public Authorized {
      scopes = scopes == null ? List.of() : List.copyOf(scopes);
      accounts = List.copyOf(accounts);
    }
  }

  /** The provider asks something; {@code invalidAnswer} is set when it refused the previous answer. */
  record Challenged(Challenge challenge, InvalidAnswer invalidAnswer) implements LoginOutcome {}

  /** Wrong username or password. */
  record InvalidCredentials(String message) implements LoginOutcome {}

  /** The user's consent at the provider has ended: they must connect again. */
  record ConsentExpired(String message) implements LoginOutcome {}

  /** The challenge is no longer open (expired, or unknown to the provider). */
  record ChallengeGone(String message) implements LoginOutcome {}

  /** The provider did not answer in time or answered with a server error, after retries. */
  record Unavailable(String message) implements LoginOutcome {}

  /** The provider answered something the contract does not allow (a bug on one side). */
  record ProviderError(String message) implements LoginOutcome {}

  enum InvalidAnswer {
    MFA_CODE,
    SECURITY_ANSWER,
    MFA_ACTION
  }
}
