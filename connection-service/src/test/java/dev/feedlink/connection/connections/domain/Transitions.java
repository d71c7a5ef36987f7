package dev.feedlink.connection.connections.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds transitions for the domain's tests. */
final class Transitions {

  static final UUID SESSION = UUID.fromString("00000000-0000-4000-8000-00000000000a");
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private Transitions() {}

  static Transition t(long sequence, int code) {
    return new Transition(SESSION, SessionKind.CONNECT, sequence, code, "s" + code, T0.plusSeconds(sequence), null, null,
        null, List.of(), null, 0, null);
  }

  static Transition with(Transition t, SessionKind kind) {
    return new Transition(t.sessionId(), kind, t.sequence(), t.code(), t.name(), t.occurredAt(), t.substage(), t.prompt(),
        t.failure(), t.extraction(), t.dataFound(), t.newRecords(), t.scopes());
  }

  static Transition session(Transition t, UUID sessionId) {
    return new Transition(sessionId, t.kind(), t.sequence(), t.code(), t.name(), t.occurredAt(), t.substage(), t.prompt(),
        t.failure(), t.extraction(), t.dataFound(), t.newRecords(), t.scopes());
  }

  static Transition asking(Transition t, PromptType type) {
    Prompt prompt = new Prompt(t.sessionId(), type, type == PromptType.SECURITY_QUESTION ? "Colour?" : null,
        type == PromptType.MFA_METHOD_CHOICE ? List.of("sms", "email") : List.of(),
        type == PromptType.ACCOUNT_SELECTION ? List.of(new Account("a1", "111", "one", "electricity"), new Account("a2", "222", "two", "gas")) : List.of(),
        t.occurredAt().plusSeconds(300), false);
    return new Transition(t.sessionId(), t.kind(), t.sequence(), t.code(), t.name(), t.occurredAt(), t.substage(), prompt,
        t.failure(), t.extraction(), t.dataFound(), t.newRecords(), t.scopes());
  }

  static Transition failing(Transition t, FailureReason reason, boolean retryable) {
    return new Transition(t.sessionId(), t.kind(), t.sequence(), t.code(), t.name(), t.occurredAt(), t.substage(), t.prompt(),
        new Failure(reason, reason.name(), retryable), t.extraction(), t.dataFound(), t.newRecords(), t.scopes());
  }

  static Transition data(Transition t, Boolean found, long newRecords) {
    return new Transition(t.sessionId(), t.kind(), t.sequence(), t.code(), t.name(), t.occurredAt(), t.substage(), t.prompt(),
        t.failure(), t.extraction(), found, newRecords, t.scopes());
  }

  static Transition extracting(Transition t, Extraction... states) {
    return new Transition(t.sessionId(), t.kind(), t.sequence(), t.code(), t.name(), t.occurredAt(), t.substage(), t.prompt(),
        t.failure(), List.of(states), t.dataFound(), t.newRecords(), t.scopes());
  }

  static Transition scoped(Transition t, String... scopes) {
    return new Transition(t.sessionId(), t.kind(), t.sequence(), t.code(), t.name(), t.occurredAt(), t.substage(), t.prompt(),
        t.failure(), t.extraction(), t.dataFound(), t.newRecords(), List.of(scopes));
  }
}
