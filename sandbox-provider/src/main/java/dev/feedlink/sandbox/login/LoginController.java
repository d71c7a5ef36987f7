package dev.feedlink.sandbox.login;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.feedlink.sandbox.domain.Provider;
import dev.feedlink.sandbox.login.domain.Answer;
import dev.feedlink.sandbox.login.domain.Authenticator;
import dev.feedlink.sandbox.login.domain.Challenge;
import dev.feedlink.sandbox.login.domain.Grant;
import dev.feedlink.sandbox.login.domain.LoginOutcome;
import dev.feedlink.sandbox.login.domain.ProviderAccount;
import dev.feedlink.sandbox.login.domain.TestLogins;
import dev.feedlink.sandbox.provider.ProviderAnswers;
import dev.feedlink.sandbox.provider.ProviderAnswers.ProviderError;
import dev.feedlink.sandbox.provider.ProviderGate;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code POST /{p}/login} and {@code POST /{p}/login/challenges/{id}} at both providers. */
@RestController
public class LoginController {

  record LoginRequest(
      String username, String password, @JsonProperty("device_id") String deviceId, @JsonProperty("callback_url") String callbackUrl) {}

  record AnswerRequest(String answer, List<String> accounts) {}

  record AccountBody(
      @JsonProperty("account_number") String accountNumber, String name, String kind, @JsonProperty("data_types") List<String> dataTypes) {

    static AccountBody of(ProviderAccount account) {
      return new AccountBody(account.number(), account.name(), account.kind().wireName(), account.kind().dataTypes());
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ChallengeBody(
      String id,
      String type,
      String question,
      List<String> methods,
      String method,
      List<AccountBody> accounts,
      @JsonProperty("expires_in") long expiresIn) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Authorized(
      String status,
      @JsonProperty("access_token") String accessToken,
      @JsonProperty("token_type") String tokenType,
      @JsonProperty("expires_in") long expiresIn,
      List<String> scopes,
      List<AccountBody> accounts,
      @JsonProperty("subscription_id") String subscriptionId) {}

  record Challenged(String status, ChallengeBody challenge) {}

  private final Authenticator authenticator;
  private final TestLogins logins;
  private final ProviderGate gate;
  private final Clock clock;

  LoginController(Authenticator authenticator, TestLogins logins, ProviderGate gate, Clock clock) {
    this.authenticator = authenticator;
    this.logins = logins;
    this.gate = gate;
    this.clock = clock;
  }

  @PostMapping("/{provider:utility|bank}/login")
  Mono<ResponseEntity<Object>> login(@PathVariable("provider") String path, @RequestBody LoginRequest request) {
    Provider provider = Provider.fromPath(path).orElseThrow();
    return gate.login(provider, logins.find(provider, request.username()), () -> login(provider, request));
  }

  private ResponseEntity<Object> login(Provider provider, LoginRequest request) {
    if (request.username() == null || request.username().isBlank()) {
      return ProviderAnswers.invalidRequest("username is required");
    }
    if (request.password() == null) {
      return ProviderAnswers.invalidRequest("password is required");
    }
    if (request.callbackUrl() != null && !httpUrl(request.callbackUrl())) {
      return ProviderAnswers.invalidRequest("callback_url must be an absolute http(s) URL");
    }
    return answer(
        authenticator.login(provider, request.username(), request.password(), request.deviceId(), request.callbackUrl()));
  }

  @PostMapping("/{provider:utility|bank}/login/challenges/{challengeId}")
  Mono<ResponseEntity<Object>> answer(
      @PathVariable("provider") String path, @PathVariable String challengeId, @RequestBody AnswerRequest request) {
    Provider provider = Provider.fromPath(path).orElseThrow();
    return gate.login(
        provider,
        authenticator.challengeLogin(provider, challengeId),
        () -> answer(authenticator.answer(provider, challengeId, new Answer(request.answer(), request.accounts()))));
  }

  private ResponseEntity<Object> answer(LoginOutcome outcome) {
    // Java 17: no pattern switch yet; the sealed interface still lists every case.
    if (outcome instanceof LoginOutcome.Authorized a) {
      return ProviderAnswers.json(HttpStatus.OK).body(authorized(a.grant()));
    }
    if (outcome instanceof LoginOutcome.Challenged c) {
      return ProviderAnswers.json(HttpStatus.OK).body(new Challenged("challenge", body(c.challenge())));
    }
    if (outcome instanceof LoginOutcome.InvalidCredentials) {
      return ProviderAnswers.error(HttpStatus.UNAUTHORIZED, "invalid_credentials", "the username or password is wrong");
    }
    if (outcome instanceof LoginOutcome.ConsentExpired e) {
      return ProviderAnswers.consentExpired(e.expiredAt());
    }
    if (outcome instanceof LoginOutcome.WrongAnswer w) {
      HttpStatus status = w.error() == LoginOutcome.AnswerError.SELECTION_INVALID ? HttpStatus.BAD_REQUEST : HttpStatus.UNAUTHORIZED;
      return ProviderAnswers.json(status)
          .body(new ProviderError(w.error().name().toLowerCase(Locale.ROOT), wrongAnswerMessage(w), null, body(w.challenge())));
    }
    if (outcome instanceof LoginOutcome.MissingAnswer m) {
      String message = m.field() + " is required for a " + m.challenge().type().wireName() + " challenge";
      return ProviderAnswers.json(HttpStatus.BAD_REQUEST).body(new ProviderError("invalid_request", message, null, body(m.challenge())));
    }
    if (outcome instanceof LoginOutcome.UnknownChallenge) {
      return ProviderAnswers.error(HttpStatus.NOT_FOUND, "unknown_challenge", "no such challenge; start the login again");
    }
    if (outcome instanceof LoginOutcome.ChallengeExpired) {
      return ProviderAnswers.error(HttpStatus.GONE, "challenge_expired", "the challenge expired; start the login again");
    }
    throw new IllegalStateException("unhandled login outcome " + outcome);
  }

  private static String wrongAnswerMessage(LoginOutcome.WrongAnswer wrong) {
    return switch (wrong.error()) {
      case MFA_CODE_INVALID -> "the code is wrong; try again";
      case MFA_METHOD_INVALID -> "choose one of " + Challenge.MFA_METHODS;
      case SECURITY_ANSWER_INVALID -> "the answer is wrong; try again";
      case MFA_ACTION_INVALID -> "the request was not approved; answer \"approved\" once approved on the device";
      case SELECTION_INVALID -> "pick at least one of the offered accounts, by account_number";
    };
  }

  private Authorized authorized(Grant grant) {
    return new Authorized(
        "authorized",
        grant.accessToken(),
        "Bearer",
        authenticator.tokenTtl().toSeconds(),
        grant.scopes(),
        grant.accounts().stream().map(AccountBody::of).toList(),
        grant.login().subscriptionId());
  }

  private ChallengeBody body(Challenge c) {
    return new ChallengeBody(
        c.id(),
        c.type().wireName(),
        c.question(),
        c.methods().isEmpty() ? null : c.methods(),
        c.method(),
        c.accounts().isEmpty() ? null : c.accounts().stream().map(AccountBody::of).toList(),
        c.expiresIn(clock.instant()));
  }

  private static boolean httpUrl(String url) {
    try {
      URI uri = URI.create(url);
      return uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
