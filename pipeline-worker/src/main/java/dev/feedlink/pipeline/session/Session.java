package dev.feedlink.pipeline.session;

import dev.feedlink.pipeline.provider.domain.DataType;
import dev.feedlink.pipeline.provider.domain.FetchWindow;
import dev.feedlink.pipeline.session.domain.Kind;
import dev.feedlink.pipeline.session.domain.Progress;
import dev.feedlink.pipeline.session.domain.Step;
import dev.feedlink.platform.crypto.Sealed;
import dev.feedlink.schemas.SessionStatusCode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One session as stored: who and what it is for, the next step and when it is due, the last status
 * it emitted, what it learned ({@link Progress}) and its sealed secrets. {@code version} guards
 * every change: a step commits only over the version it started from.
 *
 * @param accountId the account a refresh job is for (null otherwise)
 * @param window the period being fetched (set when loading starts)
 * @param access the provider's token, sealed (null before authorization)
 * @param answer the user's answer waiting to be sent, sealed by connection-service (null otherwise)
 */
public record Session(
    UUID sessionId,
    UUID connectionId,
    String appId,
    UUID providerId,
    Kind kind,
    String jobId,
    UUID accountId,
    List<DataType> dataTypes,
    FetchWindow window,
    Step step,
    SessionStatusCode status,
    Instant statusAt,
    Instant dueAt,
    long version,
    Progress progress,
    Sealed access,
    Sealed answer,
    String callbackSecret) {

  public Session {
    dataTypes = List.copyOf(dataTypes);
  }

  public Session next(Step nextStep, Instant due) {
    return new Session(sessionId, connectionId, appId, providerId, kind, jobId, accountId, dataTypes, window, nextStep, status, statusAt,
        due, version, progress, access, answer, callbackSecret);
  }

  public Session withStatus(SessionStatusCode code, Instant at) {
    return new Session(sessionId, connectionId, appId, providerId, kind, jobId, accountId, dataTypes, window, step, code, at, dueAt,
        version, progress, access, answer, callbackSecret);
  }

  public Session withProgress(Progress p) {
    return new Session(sessionId, connectionId, appId, providerId, kind, jobId, accountId, dataTypes, window, step, status, statusAt,
        dueAt, version, p, access, answer, callbackSecret);
  }

  public Session withWindow(FetchWindow w) {
    return new Session(sessionId, connectionId, appId, providerId, kind, jobId, accountId, dataTypes, w, step, status, statusAt, dueAt,
        version, progress, access, answer, callbackSecret);
  }

  public Session withAccess(Sealed sealed) {
    return new Session(sessionId, connectionId, appId, providerId, kind, jobId, accountId, dataTypes, window, step, status, statusAt,
        dueAt, version, progress, sealed, answer, callbackSecret);
  }

  public Session withAnswer(Sealed sealed) {
    return new Session(sessionId, connectionId, appId, providerId, kind, jobId, accountId, dataTypes, window, step, status, statusAt,
        dueAt, version, progress, access, sealed, callbackSecret);
  }

  public Session withVersion(long v) {
    return new Session(sessionId, connectionId, appId, providerId, kind, jobId, accountId, dataTypes, window, step, status, statusAt,
        dueAt, v, progress, access, answer, callbackSecret);
  }

  public boolean isDone() {
    return step == Step.DONE;
  }

  /** Associated data binding the sealed provider token to this session. */
  public String accessBinding() {
    return "access:" + sessionId;
  }
}
