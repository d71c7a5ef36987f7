package dev.feedlink.pipeline.session;

import dev.feedlink.events.EncryptedValue;
import dev.feedlink.events.RefreshJobRequested;
import dev.feedlink.events.RefreshTrigger;
import dev.feedlink.events.SessionRequested;
import dev.feedlink.events.UserInputProvided;
import dev.feedlink.pipeline.provider.Connectors;
import dev.feedlink.pipeline.provider.domain.DataType;
import dev.feedlink.pipeline.provider.domain.FetchWindow;
import dev.feedlink.pipeline.provider.domain.ProviderDescriptor;
import dev.feedlink.pipeline.session.domain.Failure;
import dev.feedlink.pipeline.session.domain.FailureReason;
import dev.feedlink.pipeline.session.domain.FetchWindows;
import dev.feedlink.pipeline.session.domain.Kind;
import dev.feedlink.pipeline.session.domain.Progress;
import dev.feedlink.pipeline.session.domain.Prompt;
import dev.feedlink.pipeline.session.domain.Step;
import dev.feedlink.platform.crypto.Sealed;
import dev.feedlink.platform.crypto.SecretCipher;
import dev.feedlink.platform.crypto.SecretUnavailableException;
import dev.feedlink.platform.kafka.EventEnvelope;
import dev.feedlink.platform.kafka.NonRetryableEventException;
import dev.feedlink.schemas.SessionStatusCode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns the requests of connection-service (SessionRequested, UserInputProvided) and of
 * stream-scheduler (RefreshJobRequested) into sessions. Each runs in the transaction that marks the
 * event applied, so a redelivered request never starts a second session; the runners pick the
 * session up once it commits.
 */
public final class SessionRequests {

  private static final Logger log = LoggerFactory.getLogger(SessionRequests.class);

  private final Sessions sessions;
  private final Connections connections;
  private final Connectors connectors;
  private final SessionCommits commits;
  private final SecretCipher cipher;
  private final ObjectMapper json;
  private final Clock clock;
  private final PipelineProperties properties;
  private final Runnable wakeRunners;
  private final SecureRandom random = new SecureRandom();

  SessionRequests(
      Sessions sessions, Connections connections, Connectors connectors, SessionCommits commits, SecretCipher cipher, ObjectMapper json,
      Clock clock, PipelineProperties properties, Runnable wakeRunners) {
    this.sessions = sessions;
    this.connections = connections;
    this.connectors = connectors;
    this.commits = commits;
    this.cipher = cipher;
    this.json = json;
    this.clock = clock;
    this.properties = properties;
    this.wakeRunners = wakeRunners;
  }

  /** The handler of {@code feedlink.session.commands}. */
  public Mono<Void> onCommand(EventEnvelope envelope) {
    if (envelope.event() instanceof SessionRequested request) {
      return requested(request).then(wakeRunnersAfterCommit());
    }
    if (envelope.event() instanceof UserInputProvided input) {
      return input(input).then(wakeRunnersAfterCommit());
    }
    return Mono.empty();
  }

  /** The handler of {@code feedlink.refresh.jobs}. */
  public Mono<Void> onRefreshJob(EventEnvelope envelope) {
    if (envelope.event() instanceof RefreshJobRequested job) {
      return refresh(job).then(wakeRunnersAfterCommit());
    }
    return Mono.empty();
  }

  /** The runners look for the new work once it is committed (before, they would not see it). */
  private Mono<Void> wakeRunnersAfterCommit() {
    return TransactionSynchronizationManager.forCurrentTransaction()
        .doOnNext(tsm -> tsm.registerSynchronization(new TransactionSynchronization() {
          @Override
          public Mono<Void> afterCommit() {
            return Mono.fromRunnable(wakeRunners);
          }
        }))
        .onErrorResume(NoTransactionException.class, e -> Mono.fromRunnable(wakeRunners).then(Mono.empty()))
        .then();
  }

  // --- SessionRequested ------------------------------------------------------------------------

  private Mono<Void> requested(SessionRequested r) {
    UUID connectionId = uuid(r.getConnectionId(), "connectionId");
    UUID sessionId = uuid(r.getSessionId(), "sessionId");
    UUID providerId = uuid(r.getProviderId(), "providerId");
    Kind kind = kind(r.getKind().name());
    Instant now = clock.instant();
    if (kind == Kind.DISCONNECT) {
      return disconnect(r, connectionId, sessionId, providerId, now);
    }
    ProviderDescriptor provider = connectors.find(providerId).map(c -> c.descriptor()).orElse(null);
    List<DataType> types = dataTypes(r.getDataTypes(), provider);
    FetchWindow window = kind == Kind.REWIND || r.getRewindFrom() != null || r.getRewindTo() != null
        ? FetchWindows.of(kind, now, properties.initialHistory(), properties.refreshOverlap(), r.getRewindFrom(), r.getRewindTo(), null)
        : null;
    Session session = new Session(sessionId, connectionId, r.getAppId(), providerId, kind, null, null, types, window, Step.LOGIN,
        SessionStatusCode.AUTHORIZATION, now, now, 0, Progress.start(), null, null, secret());
    return unlessRequestedBefore(sessionId, () -> {
      String credentials;
      try {
        credentials = r.getCredentials() == null ? null : cipher.openString(sealed(r.getCredentials()), connectionId.toString());
      } catch (SecretUnavailableException e) {
        return unopenableCredentials(r, session, e, now);
      }
      return connections.save(connectionId, r.getAppId(), providerId, r.getUserId(), r.getUsername(), credentials, now)
          .then(sessions.insert(session, now))
          .then(commits.events().status(session, SessionStatusCode.AUTHORIZATION, now));
    });
  }

  /** A request sent again (a new event for the same session) starts nothing and ends nothing twice. */
  private Mono<Void> unlessRequestedBefore(UUID sessionId, Supplier<Mono<Void>> request) {
    return sessions.find(sessionId)
        .map(existing -> true)
        .defaultIfEmpty(false)
        .flatMap(exists -> exists
            ? Mono.<Void>fromRunnable(() -> log.info("session {} exists already; request ignored", sessionId))
            : Mono.defer(request));
  }

  /**
   * Credentials this instance cannot open (its keys differ from connection-service's) end the
   * session at once rather than dead-lettering its request: connection-service waits for every
   * session it asked for to end, and only new credentials can repair it. The credentials held
   * before, if any, stay.
   */
  private Mono<Void> unopenableCredentials(SessionRequested r, Session session, SecretUnavailableException e, Instant now) {
    log.error("session {} of connection {}: the credentials sent do not open ({}); is feedlink.crypto.keys the same as"
        + " connection-service's?", session.sessionId(), session.connectionId(), e.getMessage());
    return connections.save(session.connectionId(), r.getAppId(), session.providerId(), r.getUserId(), r.getUsername(), null, now)
        .then(sessions.insert(session, now))
        .then(commits.fail(session, null, SessionStatusCode.ERROR_IN_AUTHORIZATION,
            Failure.of(FailureReason.INTERNAL_ERROR, "the credentials sent could not be opened; send them again")))
        .then();
  }

  private Mono<Void> disconnect(SessionRequested r, UUID connectionId, UUID sessionId, UUID providerId, Instant now) {
    Session session = new Session(sessionId, connectionId, r.getAppId(), providerId, Kind.DISCONNECT, null, null, List.of(), null,
        Step.LOGIN, SessionStatusCode.AUTHORIZATION, now, null, 0, Progress.start(), null, null, null);
    Failure disconnected = Failure.of(FailureReason.USER_DISCONNECTED, "the connection was disconnected");
    return unlessRequestedBefore(sessionId, () -> sessions.openOf(connectionId)
        .concatMap(open -> commits.fail(open, null, SessionStatusCode.DISCONNECTED, disconnected))
        .then(connections.disconnect(connectionId, now))
        .then(sessions.insert(session, now))
        .then(commits.fail(session, null, SessionStatusCode.DISCONNECTED, disconnected))
        .then());
  }

  private static Sealed sealed(EncryptedValue value) {
    return new Sealed(value.getKeyId(), bytes(value.getNonce()), bytes(value.getCiphertext()));
  }

  private static byte[] bytes(java.nio.ByteBuffer buffer) {
    byte[] b = new byte[buffer.remaining()];
    buffer.duplicate().get(b);
    return b;
  }

  private static List<DataType> dataTypes(List<String> requested, ProviderDescriptor provider) {
    List<DataType> offered = provider == null ? List.of() : provider.dataTypes();
    List<DataType> types = new ArrayList<>();
    for (String name : requested) {
      DataType.ofWireName(name).filter(offered::contains).filter(t -> !types.contains(t)).ifPresent(types::add);
    }
    return types.isEmpty() ? offered : types;
  }

  private String secret() {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  // --- UserInputProvided -----------------------------------------------------------------------

  private Mono<Void> input(UserInputProvided input) {
    UUID sessionId = uuid(input.getSessionId(), "sessionId");
    Instant now = clock.instant();
    return sessions.find(sessionId).flatMap(s -> {
      Prompt prompt = s.progress().prompt();
      if (s.step() != Step.AWAIT_INPUT || prompt == null) {
        log.info("input for session {} ignored: it waits for no answer (step {})", sessionId, s.step());
        return Mono.empty();
      }
      if (!prompt.type().name().equals(input.getInputType().name())) {
        log.info("input for session {} ignored: it answers {} but the question is {}", sessionId, input.getInputType(), prompt.type());
        return Mono.empty();
      }
      if (!now.isBefore(prompt.expiresAt())) {
        log.info("input for session {} ignored: the question expired at {}", sessionId, prompt.expiresAt());
        return Mono.empty();
      }
      Sealed answer;
      if (input.getInputType() == dev.feedlink.events.PromptType.ACCOUNT_SELECTION) {
        List<String> selected = input.getSelectedAccountNumbers() == null ? List.of() : input.getSelectedAccountNumbers();
        answer = cipher.seal(json.writeValueAsString(selected), s.connectionId().toString());
      } else if (input.getAnswer() != null) {
        answer = sealed(input.getAnswer());
      } else {
        log.info("input for session {} ignored: it carries no answer", sessionId);
        return Mono.empty();
      }
      Session next = s.withAnswer(answer).next(Step.SUBMIT_ANSWER, now);
      return commits.commit(s, next, null, saved -> Mono.empty())
          .onErrorResume(Sessions.ChangedMeanwhile.class, e -> Mono.empty())
          .then();
    });
  }

  // --- RefreshJobRequested ---------------------------------------------------------------------

  private Mono<Void> refresh(RefreshJobRequested job) {
    UUID connectionId = uuid(job.getConnectionId(), "connectionId");
    UUID accountId = uuid(job.getAccountId(), "accountId");
    DataType type = DataType.ofWireName(job.getDataType())
        .orElseThrow(() -> new NonRetryableEventException("refresh job " + job.getJobId() + ": unknown data type '" + job.getDataType()
            + "', valid: " + DataType.wireNames()));
    Kind kind = job.getTrigger() == RefreshTrigger.MANUAL ? Kind.MANUAL_REFRESH : Kind.STREAM_REFRESH;
    Instant now = clock.instant();
    return connections.find(connectionId)
        .switchIfEmpty(Mono.error(() -> new NonRetryableEventException(
            "refresh job " + job.getJobId() + " for connection " + connectionId + ", which the pipeline never saw connected")))
        .flatMap(connection -> {
          Session session = new Session(UUID.randomUUID(), connectionId, connection.appId(), connection.providerId(), kind,
              job.getJobId(), accountId, List.of(type), null, Step.LOGIN, SessionStatusCode.AUTHORIZATION, now, now, 0,
              Progress.start(), null, null, secret());
          Mono<Void> created = sessions.insert(session, now).then(commits.events().status(session, SessionStatusCode.AUTHORIZATION, now));
          if (connection.isDisconnected()) {
            Session ended = session.next(Step.DONE, null);
            return sessions.insert(ended, now).then(commits.fail(ended, null, SessionStatusCode.DISCONNECTED,
                Failure.of(FailureReason.USER_DISCONNECTED, "the connection was disconnected"))).then();
          }
          return created;
        });
  }

  private static Kind kind(String name) {
    try {
      return Kind.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new NonRetryableEventException("unknown session kind " + name);
    }
  }

  private static UUID uuid(String value, String field) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new NonRetryableEventException(field + " '" + value + "' is not a UUID");
    }
  }
}
