package dev.feedlink.sandbox.login.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Challenges waiting for an answer; one is gone once answered right. */
final class Challenges {

  /** An expired challenge still answers "expired" (410) for this long, then it is forgotten (404). */
  private static final Duration REMEMBER_EXPIRED = Duration.ofDays(1);

  private final Map<String, Challenge> byId = new ConcurrentHashMap<>();
  private final Duration ttl;

  Challenges(Duration ttl) {
    this.ttl = ttl;
  }

  Challenge open(
      ChallengeType type, String question, List<String> methods, String method, List<ProviderAccount> accounts,
      LoginAttempt attempt, Instant now) {
    byId.values().removeIf(c -> c.expiresAt().plus(REMEMBER_EXPIRED).isBefore(now));
    Challenge challenge =
        new Challenge(UUID.randomUUID().toString(), type, question, methods, method, accounts, now.plus(ttl), attempt);
    byId.put(challenge.id(), challenge);
    return challenge;
  }

  Optional<Challenge> find(String id) {
    return Optional.ofNullable(id == null ? null : byId.get(id));
  }

  void close(Challenge challenge) {
    byId.remove(challenge.id());
  }

  void revoke(String username) {
    byId.values().removeIf(c -> c.attempt().login().username().equals(username));
  }

  void reset() {
    byId.clear();
  }
}
