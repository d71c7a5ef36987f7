package dev.feedlink.connection.connections;

import dev.feedlink.connection.connections.domain.Answer;
import dev.feedlink.connection.connections.domain.AnswerCheck;
import dev.feedlink.connection.connections.domain.AnswerVerdict;
import dev.feedlink.connection.connections.domain.Connection;
import dev.feedlink.connection.connections.domain.Prompt;
import dev.feedlink.connection.connections.domain.PromptType;
import dev.feedlink.platform.crypto.Sealed;
import dev.feedlink.platform.crypto.SecretCipher;
import dev.feedlink.platform.web.ApiProblem;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Takes the user's answer to what the connection asks now and passes it, sealed, to the session
 * waiting for it. An answer that does not fit the question is refused with what is being asked.
 */
final class Answering {

  private static final Logger log = LoggerFactory.getLogger(Answering.class);

  /** A 409 that says what the connection is asking (or that it asks nothing). */
  static final class NotTheQuestion extends ApiProblem {
    private final Prompt asking;

    NotTheQuestion(String detail, Prompt asking) {
      super(HttpStatus.CONFLICT, "Not the question being asked", detail, null, null);
      this.asking = asking;
    }

    Prompt asking() {
      return asking;
    }
  }

  private final Connections connections;
  private final ConnectionEvents events;
  private final SecretCipher cipher;
  private final TransactionalOperator tx;
  private final Clock clock;

  Answering(Connections connections, ConnectionEvents events, SecretCipher cipher, TransactionalOperator tx, Clock clock) {
    this.connections = connections;
    this.events = events;
    this.cipher = cipher;
    this.tx = tx;
    this.clock = clock;
  }

  /** Emits the question that was answered. */
  Mono<Prompt> answer(UUID appId, UUID connectionId, Answer answer) {
    Mono<Prompt> work =
        connections
            .lockOwned(appId, connectionId)
            .flatMap(c -> decide(c, answer, clock.instant()));
    return tx.transactional(work);
  }

  private Mono<Prompt> decide(Connection c, Answer answer, Instant now) {
    AnswerVerdict verdict = AnswerCheck.check(c.projection(), answer, now);
    if (verdict instanceof AnswerVerdict.Accepted accepted) {
      return send(c, accepted, now);
    }
    if (verdict instanceof AnswerVerdict.InvalidValue invalid) {
      return Mono.error(ApiProblem.invalidField(invalid.field(), invalid.detail(), invalid.validValues()));
    }
    return Mono.error(refusal(c.connectionId(), verdict));
  }

  private static NotTheQuestion refusal(UUID connectionId, AnswerVerdict verdict) {
    if (verdict instanceof AnswerVerdict.NothingAsked nothing) {
      return new NotTheQuestion(
          "connection " + connectionId + " is not asking anything (it is " + nothing.context().status() + " / "
              + nothing.context().reason() + ")",
          null);
    }
    if (verdict instanceof AnswerVerdict.OtherQuestion other) {
      boolean selection = other.asking().type() == PromptType.ACCOUNT_SELECTION;
      return new NotTheQuestion(
          "connection " + connectionId + " is asking for " + other.asking().type().apiName()
              + (selection ? " (answer with \"accounts\")" : " (answer with \"answer\")"),
          other.asking());
    }
    if (verdict instanceof AnswerVerdict.Expired expired) {
      return new NotTheQuestion(
          "the " + expired.asking().type().apiName() + " question expired at " + expired.asking().expiresAt()
              + "; the session is timing out",
          expired.asking());
    }
    AnswerVerdict.AwaitingVerdict awaiting = (AnswerVerdict.AwaitingVerdict) verdict;
    return new NotTheQuestion(
        "the " + awaiting.asking().type().apiName() + " answer sent at " + awaiting.answeredAt()
            + " is being checked by the provider; wait for the connection's next status",
        awaiting.asking());
  }

  private Mono<Prompt> send(Connection c, AnswerVerdict.Accepted accepted, Instant now) {
    Prompt asked = accepted.prompt();
    Sealed sealed = accepted.answer() == null ? null : cipher.seal(accepted.answer(), c.connectionId().toString());
    List<String> accounts = accepted.accounts();
    return connections
        .update(c.with(c.projection().answered(now)))
        .then(events.userInput(c, asked.sessionId(), asked.type(), sealed, accounts, now))
        .doOnSuccess(done -> log.info("connection {}: {} answer sent to session {}", c.connectionId(), asked.type().apiName(), asked.sessionId()))
        .thenReturn(asked);
  }
}
