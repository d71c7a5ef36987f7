package dev.feedlink.connection.connections;

import dev.feedlink.connection.connections.domain.Account;
import dev.feedlink.connection.connections.domain.Extraction;
import dev.feedlink.connection.connections.domain.Failure;
import dev.feedlink.connection.connections.domain.FailureReason;
import dev.feedlink.connection.connections.domain.Prompt;
import dev.feedlink.connection.connections.domain.PromptType;
import dev.feedlink.connection.connections.domain.SessionKind;
import dev.feedlink.connection.connections.domain.Transition;
import dev.feedlink.events.AccountRef;
import dev.feedlink.events.ExtractionStatus;
import dev.feedlink.events.SessionStatusChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reads the pipeline's events into the domain's terms. */
final class Transitions {

  private Transitions() {}

  /**
   * @param promptTimeout how long a prompt without an expiry of its own waits
   */
  static Transition of(SessionStatusChanged e, Duration promptTimeout) {
    UUID sessionId = UUID.fromString(e.getSessionId());
    return new Transition(
        sessionId,
        kind(e.getSessionKind()),
        e.getSequence(),
        e.getCode(),
        e.getName(),
        e.getOccurredAt(),
        e.getSubstage(),
        prompt(sessionId, e.getPrompt(), e.getOccurredAt().plus(promptTimeout)),
        e.getFailure() == null
            ? null
            : new Failure(
                FailureReason.valueOf(e.getFailure().getReason().name()),
                e.getFailure().getMessage(),
                e.getFailure().getRetryable()),
        e.getExtraction().stream()
            .map(
                x -> new Extraction(
                    x.getDataType(), x.getStatus() == ExtractionStatus.SUCCESS, x.getReferenceId(), x.getLastSuccess(),
                    x.getLastUpdated()))
            .toList(),
        e.getDataFound(),
        e.getNewRecords(),
        e.getScopes());
  }

  static SessionKind kind(dev.feedlink.events.SessionKind kind) {
    return SessionKind.valueOf(kind.name());
  }

  static List<Account> accounts(List<AccountRef> refs) {
    return refs.stream().map(a -> new Account(a.getAccountId(), a.getAccountNumber(), a.getName(), a.getKind())).toList();
  }

  private static Prompt prompt(UUID sessionId, dev.feedlink.events.Prompt p, Instant fallbackExpiry) {
    if (p == null || p.getType() == dev.feedlink.events.PromptType.UNKNOWN) {
      return null;
    }
    return new Prompt(
        sessionId, PromptType.valueOf(p.getType().name()), p.getQuestion(), p.getMfaMethods(), accounts(p.getAccounts()),
        p.getExpiresAt() == null ? fallbackExpiry : p.getExpiresAt(), false);
  }
}
