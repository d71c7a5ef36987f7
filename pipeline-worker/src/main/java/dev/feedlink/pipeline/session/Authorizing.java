package dev.feedlink.pipeline.session;

import dev.feedlink.pipeline.data.ProviderDataStore;
import dev.feedlink.pipeline.provider.Connector;
import dev.feedlink.pipeline.provider.Credentials;
import dev.feedlink.pipeline.provider.ProviderAccess;
import dev.feedlink.pipeline.provider.domain.Challenge;
import dev.feedlink.pipeline.provider.domain.LinkedAccount;
import dev.feedlink.pipeline.provider.domain.LoginOutcome;
import dev.feedlink.pipeline.session.Connections.Connection;
import dev.feedlink.pipeline.session.domain.Failure;
import dev.feedlink.pipeline.session.domain.FailureReason;
import dev.feedlink.pipeline.session.domain.Prompt;
import dev.feedlink.pipeline.session.domain.Step;
import dev.feedlink.platform.crypto.Sealed;
import dev.feedlink.platform.crypto.SecretCipher;
import dev.feedlink.schemas.SessionStatusCode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The Authorization stage: logs in with the credentials held, asks the user what the provider asks
 * (each question open until the pipeline's prompt timeout), sends the answers, and ends Authorized
 * (9, then Loading 2), Error in Authorization (7), Deauthorized (8) or Authorization timedout (20).
 * A background refresh cannot ask anyone: it reports 40102 when the provider wants MFA.
 */
final class Authorizing {

  private final SessionCommits commits;
  private final Connections connections;
  private final ProviderDataStore store;
  private final SecretCipher cipher;
  private final ObjectMapper json;
  private final PipelineProperties properties;
  private final CallbackUrls callbacks;

  Authorizing(
      SessionCommits commits, Connections connections, ProviderDataStore store, SecretCipher cipher, ObjectMapper json,
      PipelineProperties properties, CallbackUrls callbacks) {
    this.commits = commits;
    this.connections = connections;
    this.store = store;
    this.cipher = cipher;
    this.json = json;
    this.properties = properties;
    this.callbacks = callbacks;
  }

  Mono<Session> login(Session s, Connector connector, String owner) {
    return connections.find(s.connectionId())
        .flatMap(connection -> {
          if (connection.isDisconnected()) {
            return commits.fail(s, owner, SessionStatusCode.DISCONNECTED,
                Failure.of(FailureReason.USER_DISCONNECTED, "the connection was disconnected"));
          }
          if (connection.credentials() == null) {
            return commits.fail(s, owner, SessionStatusCode.ERROR_IN_AUTHORIZATION,
                Failure.of(FailureReason.INVALID_CREDENTIALS, "no credentials are held for this connection"));
          }
          Credentials credentials = credentials(connection);
          return connector.login(credentials, s.connectionId().toString(), callbacks.of(s))
              .flatMap(outcome -> outcome(s, connector, connection, outcome, owner, false));
        })
        .switchIfEmpty(Mono.defer(() -> commits.fail(s, owner, SessionStatusCode.ERROR_IN_AUTHORIZATION,
            Failure.of(FailureReason.INVALID_CREDENTIALS, "the pipeline does not know this connection"))));
  }

  private Credentials credentials(Connection connection) {
    JsonNode node;
    try {
      node = json.readTree(connections.open(connection));
    } catch (tools.jackson.core.JacksonException e) {
      // Not the parser's message: it could quote the secret.
      throw new IllegalStateException("the credentials held for connection " + connection.connectionId() + " are not the expected JSON");
    }
    return new Credentials(node.path("username").asString(), node.path("password").asString());
  }

  /** Sends the user's answer to the open question. */
  Mono<Session> submitAnswer(Session s, Connector connector, String owner) {
    Prompt prompt = s.progress().prompt();
    if (prompt == null || s.answer() == null) {
      return commits.fail(s, owner, SessionStatusCode.ERROR_IN_AUTHORIZATION,
          Failure.of(FailureReason.INTERNAL_ERROR, "an answer arrived with no question open"));
    }
    String answer = cipher.openString(s.answer(), s.connectionId().toString());
    Mono<LoginOutcome> sent = prompt.type() == Challenge.Prompt.ACCOUNT_SELECTION
        ? connector.selectAccounts(prompt.challengeId(), List.of(json.readValue(answer, String[].class)))
        : connector.answer(prompt.challengeId(), answer);
    return sent.flatMap(outcome -> connections.find(s.connectionId())
        .flatMap(connection -> outcome(s, connector, connection, outcome, owner, false)));
  }

  /** The prompt's deadline passed unanswered. */
  Mono<Session> promptExpired(Session s, String owner) {
    Prompt prompt = s.progress().prompt();
    FailureReason reason = prompt == null ? FailureReason.MFA_CODE_TIMEOUT : prompt.timeoutReason();
    String message = prompt == null ? "no answer in time" : "no answer before " + prompt.expiresAt();
    return commits.fail(s, owner, SessionStatusCode.AUTHORIZATION_TIMEDOUT, Failure.of(reason, message));
  }

  private Mono<Session> outcome(Session s, Connector connector, Connection connection, LoginOutcome outcome, String owner, boolean autoSelected) {
    if (outcome instanceof LoginOutcome.Authorized authorized) {
      return authorized(s, authorized, owner);
    }
    if (outcome instanceof LoginOutcome.Challenged challenged) {
      Challenge challenge = challenged.challenge();
      if (challenged.invalidAnswer() != null && s.progress().prompt() != null) {
        return askAgain(s, challenge, challenged.invalidAnswer(), owner);
      }
      if (challenge.type() == Challenge.Prompt.ACCOUNT_SELECTION && s.kind().reusesSelection()
          && !connection.selectedAccounts().isEmpty() && !autoSelected) {
        // The user chose at the first connection; a refresh or Rewind answers with that choice.
        return connector.selectAccounts(challenge.id(), connection.selectedAccounts())
            .flatMap(next -> outcome(s, connector, connection, next, owner, true));
      }
      return ask(s, challenge, owner);
    }
    if (outcome instanceof LoginOutcome.InvalidCredentials refused) {
      return commits.fail(s, owner, SessionStatusCode.ERROR_IN_AUTHORIZATION, Failure.of(FailureReason.INVALID_CREDENTIALS, refused.message()));
    }
    if (outcome instanceof LoginOutcome.ConsentExpired expired) {
      return commits.fail(s, owner, SessionStatusCode.DEAUTHORIZED, Failure.of(FailureReason.CONSENT_EXPIRED, expired.message()));
    }
    if (outcome instanceof LoginOutcome.ChallengeGone gone && s.progress().prompt() != null) {
      return commits.fail(s, owner, SessionStatusCode.AUTHORIZATION_TIMEDOUT,
          Failure.of(s.progress().prompt().timeoutReason(), "the provider closed the question: " + gone.message()));
    }
    if (outcome instanceof LoginOutcome.Unavailable unavailable) {
      return commits.fail(s, owner, SessionStatusCode.ERROR_IN_AUTHORIZATION,
          Failure.retryable(FailureReason.PROVIDER_UNAVAILABLE, unavailable.message()));
    }
    String message = outcome instanceof LoginOutcome.ProviderError error ? error.message()
        : outcome instanceof LoginOutcome.ChallengeGone gone ? gone.message() : outcome.toString();
    return commits.fail(s, owner, SessionStatusCode.ERROR_IN_AUTHORIZATION, Failure.retryable(FailureReason.PROVIDER_ERROR, message));
  }

  private Mono<Session> authorized(Session s, LoginOutcome.Authorized a, String owner) {
    Instant now = commits.now();
    Sealed access = cipher.seal(json.writeValueAsString(Map.of(
        "access_token", a.accessToken(), "subscription_id", a.subscriptionId() == null ? "" : a.subscriptionId())), s.accessBinding());
    Prompt answered = s.progress().prompt();
    List<LinkedAccount> accounts = a.accounts();
    Session next = s.withAccess(access)
        .withAnswer(null)
        .withProgress(s.progress().authorized(accounts, a.scopes()))
        .next(Step.LOAD, now)
        .withStatus(SessionStatusCode.LOADING, now);
    return commits.commit(s, next, owner, saved -> (answered != null && answered.type() == Challenge.Prompt.ACCOUNT_SELECTION
            ? connections.saveSelection(s.connectionId(), accounts.stream().map(LinkedAccount::accountNumber).toList(), now)
            : Mono.<Void>empty())
        .then(store.linkAccounts(s.connectionId(), s.appId(), s.providerId(), accounts, now))
        .then(commits.events().status(saved, SessionStatusCode.AUTHORIZED, now, e -> e
            .setScopes(a.scopes())
            .setAccounts(SessionEvents.refs(s.connectionId(), accounts))))
        .then(commits.events().accountsLinked(saved, accounts, now))
        .then(commits.events().status(saved, SessionStatusCode.LOADING, now)));
  }

  private Mono<Session> ask(Session s, Challenge challenge, String owner) {
    Instant now = commits.now();
    Prompt prompt = Prompt.of(challenge, now, now.plus(properties.promptTimeout()));
    Session next = s.withAnswer(null).withProgress(s.progress().asking(prompt)).next(Step.AWAIT_INPUT, prompt.expiresAt())
        .withStatus(SessionStatusCode.AUTHORIZATION, now);
    return commits.commit(s, next, owner, saved -> commits.events()
        .status(saved, SessionStatusCode.AUTHORIZATION, now, e -> e.setPrompt(SessionEvents.prompt(s.connectionId(), prompt)))
        .then(s.kind().isBackground()
            ? commits.accountIds(s).flatMap(ids -> commits.events().reconnectionFailed(saved, SessionCommits.MFA_UNSUCCESSFUL,
                "Reconnection failed due to unsuccessful Multi-Factor Authentication (MFA).", ids, true, now, "No code provided.", now))
            : Mono.empty()));
  }

  private Mono<Session> askAgain(Session s, Challenge challenge, LoginOutcome.InvalidAnswer invalid, String owner) {
    Instant now = commits.now();
    Prompt previous = s.progress().prompt();
    if (!now.isBefore(previous.expiresAt())) {
      return promptExpired(s, owner);
    }
    Prompt prompt = previous.askedAgain(challenge.id(), now);
    FailureReason reason = invalid == LoginOutcome.InvalidAnswer.SECURITY_ANSWER
        ? FailureReason.SECURITY_ANSWER_INVALID
        : FailureReason.MFA_CODE_INVALID;
    Failure failure = Failure.retryable(reason, "the provider did not accept the answer; answer again before " + prompt.expiresAt());
    Session next = s.withAnswer(null).withProgress(s.progress().asking(prompt)).next(Step.AWAIT_INPUT, prompt.expiresAt())
        .withStatus(SessionStatusCode.AUTHORIZATION, now);
    return commits.commit(s, next, owner, saved -> commits.events().status(saved, SessionStatusCode.AUTHORIZATION, now, e -> e
        .setPrompt(SessionEvents.prompt(s.connectionId(), prompt))
        .setFailure(SessionEvents.failure(failure))));
  }

  /** The provider access a session holds, opened for a data request. */
  ProviderAccess access(Session s) {
    JsonNode node = json.readTree(cipher.openString(s.access(), s.accessBinding()));
    String subscription = node.path("subscription_id").asString("");
    return new ProviderAccess(node.path("access_token").asString(), subscription.isEmpty() ? null : subscription);
  }
}
