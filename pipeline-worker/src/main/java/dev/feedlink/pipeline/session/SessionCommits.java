package dev.feedlink.pipeline.session;

import dev.feedlink.pipeline.data.ProviderDataStore;
import dev.feedlink.pipeline.data.domain.AccountIds;
import dev.feedlink.pipeline.provider.domain.DataType;
import dev.feedlink.pipeline.session.domain.Failure;
import dev.feedlink.pipeline.session.domain.FailureReason;
import dev.feedlink.pipeline.session.domain.Step;
import dev.feedlink.schemas.SessionStatusCode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * How a step's result becomes durable: the session's new state and the events announcing it in one
 * transaction, over the version the step started from. A step that lost its session meanwhile (a
 * worker took over after this one's lease lapsed, the watchdog timed it out, the user
 * disconnected) commits nothing.
 */
public final class SessionCommits {

  public static final int CREDENTIALS_INVALID = 40101;
  public static final int MFA_UNSUCCESSFUL = 40102;

  private final Sessions sessions;
  private final SessionEvents events;
  private final Extractions extractions;
  private final ProviderDataStore store;
  private final TransactionalOperator tx;
  private final Clock clock;
  private final PipelineProperties properties;

  SessionCommits(
      Sessions sessions, SessionEvents events, Extractions extractions, ProviderDataStore store, TransactionalOperator tx, Clock clock,
      PipelineProperties properties) {
    this.sessions = sessions;
    this.events = events;
    this.extractions = extractions;
    this.store = store;
    this.tx = tx;
    this.clock = clock;
    this.properties = properties;
  }

  public SessionEvents events() {
    return events;
  }

  public Instant now() {
    return clock.instant();
  }

  /**
   * Commits {@code after} over {@code before} and runs {@code emit} (events, side effects) in the
   * same transaction. A worker ({@code owner}) keeps its lease while the session has more to do
   * at once; consumers and the watchdog pass no owner.
   */
  public Mono<Session> commit(Session before, Session after, String owner, Function<Session, Mono<Void>> emit) {
    return commit(before, Mono.just(after), owner, emit);
  }

  /** As {@link #commit(Session, Session, String, Function)}, the new state worked out inside the transaction. */
  public Mono<Session> commit(Session before, Mono<Session> after, String owner, Function<Session, Mono<Void>> emit) {
    Instant now = clock.instant();
    return tx.transactional(after.flatMap(next -> {
      Instant leaseUntil = owner == null || next.isDone() || next.step().waits() ? null : now.plus(properties.lease());
      return sessions.advance(before, next, owner, leaseUntil, now).flatMap(saved -> emit.apply(saved).thenReturn(saved));
    }));
  }

  /**
   * Ends the session with {@code code}: every requested data type's extraction failed, the reason
   * says why, and a background refresh refused its credentials also reports 40101.
   */
  public Mono<Session> fail(Session s, String owner, SessionStatusCode code, Failure failure) {
    Instant now = clock.instant();
    Session ended = s.withAnswer(null).next(Step.DONE, null).withStatus(code, now);
    return commit(s, ended, owner, saved -> extractions.record(s.connectionId(), s.dataTypes(), false, s.sessionId(), now)
        .flatMap(states -> events.status(saved, code, now, e -> e
            .setFailure(SessionEvents.failure(failure))
            .setExtraction(states)
            .setDataFound(s.progress().dataFound())))
        .then(s.kind().isBackground() && failure.reason() == FailureReason.INVALID_CREDENTIALS
            ? accountIds(s).flatMap(ids -> events.reconnectionFailed(saved, CREDENTIALS_INVALID,
                "Reconnection failed due to invalid credentials. User credentials may have changed.", ids, false, null, null, now))
            : Mono.empty())
        .then(sessions.dropDocuments(s.sessionId())));
  }

  /** The accounts an outcome of this session concerns: a refresh job's account, else the connection's. */
  public Mono<List<String>> accountIds(Session s) {
    if (s.accountId() != null) {
      return Mono.just(List.of(s.accountId().toString()));
    }
    if (!s.progress().accounts().isEmpty()) {
      return Mono.just(s.progress().accounts().stream().map(a -> AccountIds.of(s.connectionId(), a.accountNumber()).toString()).toList());
    }
    return store.accountsOf(s.connectionId())
        .map(accounts -> accounts.keySet().stream().map(n -> AccountIds.of(s.connectionId(), n).toString()).toList());
  }

  /** The status a step's unexpected failure ends the session with: the error of the stage it was in. */
  public static SessionStatusCode errorOf(Step step) {
    return switch (step) {
      case LOGIN, SUBMIT_ANSWER, AWAIT_INPUT -> SessionStatusCode.ERROR_IN_AUTHORIZATION;
      case LOAD, AWAIT_CALLBACK -> SessionStatusCode.LOADING_ERROR;
      case STRUCTURE -> SessionStatusCode.STRUCTURING_ERROR;
      case DEDUPLICATE -> SessionStatusCode.DEDUPLICATION_ERROR;
      case PROCESS, DONE -> SessionStatusCode.PROCESSING_ERROR;
    };
  }

}
