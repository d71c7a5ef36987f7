package dev.feedlink.pipeline.session;

import dev.feedlink.pipeline.provider.Connector;
import dev.feedlink.pipeline.provider.Connectors;
import dev.feedlink.pipeline.provider.domain.MalformedDocumentException;
import dev.feedlink.pipeline.session.domain.Failure;
import dev.feedlink.pipeline.session.domain.FailureReason;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.r2dbc.spi.R2dbcTransientException;
import java.time.Clock;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import reactor.core.publisher.Mono;

/**
 * Runs a claimed session's next step. A step that fails unexpectedly ends the session with its
 * stage's error code; a database that is briefly unreachable only puts the session back for later;
 * a session that changed under the worker is left to whoever changed it.
 */
public final class SessionSteps {

  private static final Logger log = LoggerFactory.getLogger(SessionSteps.class);
  private static final java.time.Duration RETRY_LATER = java.time.Duration.ofSeconds(5);

  private final Connectors connectors;
  private final Authorizing authorizing;
  private final Extracting extracting;
  private final SessionCommits commits;
  private final Sessions sessions;
  private final Clock clock;
  private final MeterRegistry meters;

  SessionSteps(
      Connectors connectors, Authorizing authorizing, Extracting extracting, SessionCommits commits, Sessions sessions, Clock clock,
      MeterRegistry meters) {
    this.meters = meters;
    this.connectors = connectors;
    this.authorizing = authorizing;
    this.extracting = extracting;
    this.commits = commits;
    this.sessions = sessions;
    this.clock = clock;
  }

  /** Runs one step and commits it; emits the session as committed, or nothing if it was lost. */
  public Mono<Session> step(Session s, String owner) {
    Timer.Sample sample = Timer.start(meters);
    return Mono.defer(() -> dispatch(s, owner))
        .onErrorResume(e -> failed(s, owner, e))
        .doFinally(signal -> sample.stop(meters.timer("feedlink.pipeline.step", "step", s.step().name().toLowerCase())));
  }

  private Mono<Session> dispatch(Session s, String owner) {
    Connector connector = connectors.find(s.providerId()).orElse(null);
    if (connector == null) {
      return commits.fail(s, owner, dev.feedlink.schemas.SessionStatusCode.ERROR_IN_AUTHORIZATION,
          Failure.of(FailureReason.PROVIDER_ERROR, "no connector serves provider " + s.providerId()));
    }
    return switch (s.step()) {
      case LOGIN -> authorizing.login(s, connector, owner);
      case SUBMIT_ANSWER -> authorizing.submitAnswer(s, connector, owner);
      case AWAIT_INPUT -> authorizing.promptExpired(s, owner);
      case LOAD, AWAIT_CALLBACK -> extracting.load(s, connector, owner);
      case STRUCTURE -> extracting.structure(s, connector, owner);
      case DEDUPLICATE -> extracting.deduplicate(s, owner);
      case PROCESS -> extracting.process(s, connector.descriptor(), owner);
      case DONE -> Mono.just(s);
    };
  }

  private Mono<Session> failed(Session s, String owner, Throwable e) {
    if (e instanceof Sessions.ChangedMeanwhile) {
      log.info("session {} changed while step {} ran; left to its new holder", s.sessionId(), s.step());
      return Mono.empty();
    }
    if (isTransient(e)) {
      log.warn("session {} step {} hit a transient database error, retrying later: {}", s.sessionId(), s.step(), e.toString());
      return sessions.release(s.sessionId(), owner, clock.instant().plus(RETRY_LATER)).onErrorResume(x -> Mono.empty()).then(Mono.empty());
    }
    log.error("session {} step {} failed", s.sessionId(), s.step(), e);
    Failure failure = e instanceof MalformedDocumentException
        ? Failure.of(FailureReason.MALFORMED_DATA, e.getMessage())
        : Failure.of(FailureReason.INTERNAL_ERROR, "step " + s.step().name().toLowerCase() + " failed: " + e.getClass().getSimpleName());
    return commits.fail(s, owner, SessionCommits.errorOf(s.step()), failure)
        .onErrorResume(again -> {
          log.warn("session {} could not be ended after its failure: {}", s.sessionId(), again.toString());
          return Mono.empty();
        });
  }

  static boolean isTransient(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TransientDataAccessException || t instanceof DataAccessResourceFailureException
          || t instanceof R2dbcTransientException || t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }
}
