package dev.feedlink.pipeline.provider;

import dev.feedlink.pipeline.provider.ProviderHttp.ProviderUnavailableException;
import dev.feedlink.pipeline.provider.ProviderHttp.Response;
import dev.feedlink.pipeline.provider.domain.Challenge;
import dev.feedlink.pipeline.provider.domain.LinkedAccount;
import dev.feedlink.pipeline.provider.domain.LoginOutcome;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The providers' login dialogue ({@code POST {base}/login}, then {@code POST
 * {base}/login/challenges/{id}} for each question), turned into {@link LoginOutcome}s.
 */
final class ProviderLogin {

  private final ProviderHttp http;
  private final ObjectMapper json;
  private final URI base;

  ProviderLogin(ProviderHttp http, ObjectMapper json, URI base) {
    this.http = http;
    this.json = json;
    this.base = base;
  }

  Mono<LoginOutcome> login(Credentials credentials, String deviceId, URI callbackUrl) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("username", credentials.username());
    body.put("password", credentials.password());
    body.put("device_id", deviceId);
    if (callbackUrl != null) {
      body.put("callback_url", callbackUrl.toString());
    }
    return post("login", base.resolve(base.getPath() + "/login"), body);
  }

  Mono<LoginOutcome> answer(String challengeId, Map<String, Object> body) {
    return post("challenge answer", base.resolve(base.getPath() + "/login/challenges/" + challengeId), body);
  }

  private Mono<LoginOutcome> post(String what, URI target, Map<String, Object> body) {
    byte[] payload = json.writeValueAsBytes(body);
    return http.send(what, target, web -> web.post().uri(target).contentType(MediaType.APPLICATION_JSON)
            .accept(MediaType.APPLICATION_JSON).bodyValue(payload))
        .map(response -> outcome(what, response))
        .onErrorResume(ProviderUnavailableException.class, e -> Mono.just(new LoginOutcome.Unavailable(e.getMessage())));
  }

  private LoginOutcome outcome(String what, Response response) {
    JsonNode body;
    try {
      body = response.body().length == 0 ? json.createObjectNode() : json.readTree(response.body());
    } catch (JacksonException e) {
      return new LoginOutcome.ProviderError(what + " answered " + response.status() + " with a body that is not JSON");
    }
    String error = body.path("error").asString("");
    String message = body.path("message").asString(error);
    switch (response.status()) {
      case 200 -> {
        String status = body.path("status").asString("");
        if (status.equals("authorized")) {
          return new LoginOutcome.Authorized(
              body.path("access_token").asString(),
              body.path("expires_in").asLong(3600),
              strings(body.path("scopes")),
              accounts(body.path("accounts")),
              body.path("subscription_id").isString() ? body.path("subscription_id").asString() : null);
        }
        if (status.equals("challenge")) {
          return challenged(body.path("challenge"), null, what);
        }
        return new LoginOutcome.ProviderError(what + " answered 200 with status '" + status + "'");
      }
      case 401 -> {
        return switch (error) {
          case "invalid_credentials" -> new LoginOutcome.InvalidCredentials(message);
          case "mfa_code_invalid", "mfa_method_invalid" -> challenged(body.path("challenge"), LoginOutcome.InvalidAnswer.MFA_CODE, what);
          case "security_answer_invalid" -> challenged(body.path("challenge"), LoginOutcome.InvalidAnswer.SECURITY_ANSWER, what);
          case "mfa_action_invalid" -> challenged(body.path("challenge"), LoginOutcome.InvalidAnswer.MFA_ACTION, what);
          default -> body.path("challenge").isObject()
              ? challenged(body.path("challenge"), LoginOutcome.InvalidAnswer.MFA_CODE, what)
              : new LoginOutcome.InvalidCredentials(message.isEmpty() ? "refused" : message);
        };
      }
      case 403 -> {
        return error.equals("consent_expired")
            ? new LoginOutcome.ConsentExpired(message)
            : new LoginOutcome.ProviderError(what + " answered 403 " + error);
      }
      case 404, 410 -> {
        return new LoginOutcome.ChallengeGone(error.isEmpty() ? "challenge is no longer open" : error);
      }
      default -> {
        return new LoginOutcome.ProviderError(what + " answered " + response.status() + (error.isEmpty() ? "" : " " + error));
      }
    }
  }

  private LoginOutcome challenged(JsonNode challenge, LoginOutcome.InvalidAnswer invalid, String what) {
    Challenge.Prompt prompt = switch (challenge.path("type").asString("")) {
      case "mfa_code" -> Challenge.Prompt.MFA_CODE;
      case "mfa_method_choice" -> Challenge.Prompt.MFA_METHOD_CHOICE;
      case "security_question" -> Challenge.Prompt.SECURITY_QUESTION;
      case "mfa_action" -> Challenge.Prompt.MFA_ACTION;
      case "account_selection" -> Challenge.Prompt.ACCOUNT_SELECTION;
      default -> null;
    };
    if (prompt == null || !challenge.path("id").isString()) {
      return new LoginOutcome.ProviderError(what + " asked an unknown challenge '" + challenge.path("type").asString("") + "'");
    }
    return new LoginOutcome.Challenged(
        new Challenge(
            challenge.path("id").asString(),
            prompt,
            challenge.path("question").isString() ? challenge.path("question").asString() : null,
            strings(challenge.path("methods")),
            accounts(challenge.path("accounts")),
            challenge.path("expires_in").asLong(300)),
        invalid);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asString()));
    return values;
  }

  private static List<LinkedAccount> accounts(JsonNode array) {
    List<LinkedAccount> accounts = new ArrayList<>();
    for (JsonNode a : array) {
      accounts.add(new LinkedAccount(
          a.path("account_number").asString(),
          a.path("name").isString() ? a.path("name").asString() : null,
          a.path("kind").asString("other"),
          strings(a.path("data_types"))));
    }
    return accounts;
  }
}
