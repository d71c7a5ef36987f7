package dev.feedlink.connection.connections.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a session asks the user now.
 *
 * @param lastAnswerInvalid the previous answer to the same question was refused
 */
public record Prompt(
    UUID sessionId,
    PromptType type,
    String question,
    List<String> mfaMethods,
    List<Account> accounts,
    Instant expiresAt,
    boolean lastAnswerInvalid) {

  public Prompt {
    mfaMethods = mfaMethods == null ? List.of() : List.copyOf(mfaMethods);
    accounts = accounts == null ? List.of() : List.copyOf(accounts);
  }

  public boolean expiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }
}
