package dev.feedlink.sandbox.login.domain;

import dev.feedlink.sandbox.domain.Provider;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens and what they allow. Kept in memory only, as raw values: this is a stand-in
 * provider's state, never Feedlink's, and it dies with the process.
 */
final class Grants {

  /** Above this many tokens, issuing one first drops the expired ones (a benchmark issues many). */
  private static final int SWEEP_ABOVE = 10_000;

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Grant> byToken = new ConcurrentHashMap<>();

  Grant issue(LoginAttempt attempt, List<ProviderAccount> accounts, List<String> scopes, Instant now, Instant expiresAt, Instant firstLogin) {
    if (byToken.size() > SWEEP_ABOVE) {
      byToken.values().removeIf(g -> !g.valid(now));
    }
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String token = "sbx_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Grant grant = new Grant(token, attempt, accounts, scopes, now, expiresAt, firstLogin);
    byToken.put(token, grant);
    return grant;
  }

  Optional<Grant> find(Provider provider, String token, Instant now) {
    return Optional.ofNullable(token == null ? null : byToken.get(token))
        .filter(g -> g.provider() == provider && g.valid(now));
  }

  void revoke(String username) {
    byToken.values().removeIf(g -> g.username().equals(username));
  }

  void reset() {
    byToken.clear();
  }
}
