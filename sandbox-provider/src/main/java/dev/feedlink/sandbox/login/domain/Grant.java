package dev.feedlink.sandbox.login.domain;

import dev.feedlink.sandbox.domain.Provider;
import java.time.Instant;
import java.util.List;

/**
 * What an access token allows: one login's chosen accounts at one provider, until it expires.
 *
 * @param firstLogin when this username first logged in at this provider: its history reaches back
 *     a fixed number of days from there
 */
public record Grant(
    String accessToken,
    LoginAttempt attempt,
    List<ProviderAccount> accounts,
    List<String> scopes,
    Instant issuedAt,
    Instant expiresAt,
    Instant firstLogin) {

  public Grant {
    accounts = List.copyOf(accounts);
    scopes = List.copyOf(scopes);
  }

  public TestLogin login() {
    return attempt.login();
  }

  public Provider provider() {
    return attempt.login().provider();
  }

  public String username() {
    return attempt.login().username();
  }

  public boolean valid(Instant now) {
    return now.isBefore(expiresAt);
  }

  public boolean covers(String accountNumber) {
    return accounts.stream().anyMatch(a -> a.number().equals(accountNumber));
  }
}
