package dev.feedlink.connection.connections.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A connection's state as its sessions left it: the seed-000 context, the seed-001 state with its
 * timestamps, scopes and per-data-type extraction, and what the connection asks the user now.
 * Immutable: every change returns a new projection.
 *
 * @param currentSessionId the session this service asked for last (connect, reconnect, disconnect)
 * @param currentSessionOpen that session has not finished: until it does, only it moves the
 *     connection (older sessions' late news must not overwrite a login the user is doing now)
 * @param lastSequence the highest pipeline {@code sequence} seen; nothing at or below it applies
 * @param promptAnsweredAt when the user answered {@code prompt}, until the pipeline reacts
 */
public record ConnectionProjection(
    ConnectionState state,
    Context context,
    Instant connectedAt,
    Instant disconnectedAt,
    List<String> grantedScopes,
    Map<String, Extraction> extraction,
    Prompt prompt,
    Instant promptAnsweredAt,
    UUID currentSessionId,
    boolean currentSessionOpen,
    long lastSequence) {

  public ConnectionProjection {
    grantedScopes = grantedScopes == null ? null : List.copyOf(grantedScopes);
    extraction = extraction == null ? Map.of() : Map.copyOf(extraction);
  }

  /** What applying a transition did. */
  public sealed interface Applied {
    ConnectionProjection projection();

    /** The transition is the connection's news (its context may or may not have changed). */
    record Moved(ConnectionProjection projection) implements Applied {}

    /** The transition changes nothing: stale, duplicate, or about a connection since disconnected. */
    record Ignored(ConnectionProjection projection, String why) implements Applied {}
  }

  /** A new connection whose first session has been asked for. */
  public static ConnectionProjection initiated(UUID sessionId, Instant at) {
    return new ConnectionProjection(
        ConnectionState.INITIATED, new Context(StatusReason.New, at), null, null, null, Map.of(), null, null, sessionId, true, 0);
  }

  /** This service asked for a new foreground session (re-link, new credentials). */
  public ConnectionProjection sessionRequested(UUID sessionId, Instant at) {
    ConnectionState nextState = state == ConnectionState.DISCONNECTED ? ConnectionState.INITIATED : state;
    return new ConnectionProjection(
        nextState, new Context(StatusReason.New, at), connectedAt, disconnectedAt, grantedScopes, extraction,
        null, null, sessionId, true, lastSequence);
  }

  /** The user disconnected: effective at once, whatever the pipeline still reports. */
  public ConnectionProjection disconnected(UUID sessionId, Instant at) {
    if (state == ConnectionState.DISCONNECTED) {
      return this;
    }
    return new ConnectionProjection(
        ConnectionState.DISCONNECTED, new Context(StatusReason.UserDisconnected, at), connectedAt, at, grantedScopes,
        extraction, null, null, sessionId, true, lastSequence);
  }

  /** The user answered the current prompt; the next answer waits for the pipeline's verdict. */
  public ConnectionProjection answered(Instant at) {
    return new ConnectionProjection(
        state, context, connectedAt, disconnectedAt, grantedScopes, extraction, prompt, at, currentSessionId,
        currentSessionOpen, lastSequence);
  }

  public Applied apply(Transition t) {
    if (t.sequence() <= lastSequence) {
      return new Applied.Ignored(this, "sequence " + t.sequence() + " is not after " + lastSequence);
    }
    ConnectionProjection seen = withSequence(t.sequence());
    if (state == ConnectionState.DISCONNECTED && !t.sessionId().equals(currentSessionId)) {
      return new Applied.Ignored(seen, "the connection was disconnected; session " + t.sessionId() + " is over");
    }
    boolean current = t.sessionId().equals(currentSessionId);
    if (currentSessionOpen && !current) {
      return new Applied.Ignored(
          seen.withExtraction(mergeExtraction(t)),
          "session " + currentSessionId + " asked for since is under way; session " + t.sessionId() + " is older news");
    }
    StatusReason reason = StatusMapping.reasonFor(t, prompt).orElse(null);
    if (reason == null) {
      return new Applied.Ignored(seen, "status code " + t.code() + " means nothing to a connection");
    }
    boolean stillOpen = currentSessionOpen && !(current && StatusMapping.endsSession(t.code()));
    Context nextContext = quietRefresh(t, reason) ? context : new Context(reason, t.occurredAt());
    ConnectionState nextState = nextState(t, reason);
    Instant nextConnectedAt =
        nextState == ConnectionState.ACTIVE && state != ConnectionState.ACTIVE ? t.occurredAt() : connectedAt;
    boolean lostLink =
        (nextState == ConnectionState.EXPIRED || nextState == ConnectionState.DISCONNECTED) && nextState != state;
    Instant nextDisconnectedAt = lostLink ? t.occurredAt() : disconnectedAt;
    List<String> nextScopes = t.code() == 9 && t.scopes() != null ? t.scopes() : grantedScopes;
    Prompt nextPrompt = nextPrompt(t, reason);
    Instant nextAnsweredAt = nextPrompt == null || nextPrompt != prompt ? null : promptAnsweredAt;
    return new Applied.Moved(
        new ConnectionProjection(
            nextState, nextContext, nextConnectedAt, nextDisconnectedAt, nextScopes, mergeExtraction(t),
            nextPrompt, nextAnsweredAt, currentSessionId, stillOpen, t.sequence()));
  }

  /**
   * A background refresh that is merely running, or that finished without new data, leaves a
   * settled Connected connection as it is; one that needs the user, fails, or brings new data does
   * not.
   */
  private boolean quietRefresh(Transition t, StatusReason reason) {
    if (!t.kind().isBackground() || !context.reason().isSettledConnected()) {
      return false;
    }
    if (t.code() == 19) {
      return t.newRecords() == 0 && !(reason == StatusReason.DataFound && context.reason() == StatusReason.NoDataFound);
    }
    return reason.status() == ConnectionStatus.Connected || reason == StatusReason.Connecting;
  }

  private ConnectionState nextState(Transition t, StatusReason reason) {
    if (state == ConnectionState.DISCONNECTED) {
      return t.code() == 9 ? ConnectionState.ACTIVE : state;
    }
    return switch (t.code()) {
      case 9 -> ConnectionState.ACTIVE;
      case 26 -> ConnectionState.DISCONNECTED;
      case 8 -> ConnectionState.EXPIRED;
      case 7, 20 -> state == ConnectionState.ACTIVE
              && (reason == StatusReason.InvalidCredentials || reason.status() == ConnectionStatus.Disconnected)
          ? ConnectionState.EXPIRED
          : state;
      default -> reason == StatusReason.ConsentExpired ? ConnectionState.EXPIRED : state;
    };
  }

  private Prompt nextPrompt(Transition t, StatusReason reason) {
    if (t.code() != 6 || t.prompt() == null) {
      return null;
    }
    boolean invalid = reason == StatusReason.MfaCodeInvalid || reason == StatusReason.SecurityAnswerInvalid;
    Prompt p = t.prompt();
    return new Prompt(t.sessionId(), p.type(), p.question(), p.mfaMethods(), p.accounts(), p.expiresAt(), invalid);
  }

  private Map<String, Extraction> mergeExtraction(Transition t) {
    if (t.extraction().isEmpty()) {
      return extraction;
    }
    Map<String, Extraction> merged = new TreeMap<>(extraction);
    for (Extraction e : t.extraction()) {
      merged.put(e.dataType(), e.after(extraction.get(e.dataType())));
    }
    return merged;
  }

  private ConnectionProjection withSequence(long sequence) {
    return new ConnectionProjection(
        state, context, connectedAt, disconnectedAt, grantedScopes, extraction, prompt, promptAnsweredAt,
        currentSessionId, currentSessionOpen, sequence);
  }

  private ConnectionProjection withExtraction(Map<String, Extraction> merged) {
    return new ConnectionProjection(
        state, context, connectedAt, disconnectedAt, grantedScopes, merged, prompt, promptAnsweredAt,
        currentSessionId, currentSessionOpen, lastSequence);
  }

  /** Whether what a session found (its accounts) may replace what the connection shows. */
  public boolean acceptsNewsOf(UUID sessionId) {
    boolean exclusive = state == ConnectionState.DISCONNECTED || currentSessionOpen;
    return !exclusive || sessionId.equals(currentSessionId);
  }

  /** Seed 001: scopes only once the connection is (or was) active. */
  public List<String> visibleScopes() {
    return state.showsScopes() ? grantedScopes : null;
  }
}
