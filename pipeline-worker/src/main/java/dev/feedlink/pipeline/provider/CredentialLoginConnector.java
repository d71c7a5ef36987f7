package dev.feedlink.pipeline.provider;

import dev.feedlink.pipeline.provider.domain.LoginOutcome;
import dev.feedlink.pipeline.provider.domain.ProviderDescriptor;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * A connector to a provider whose login is a username and password followed by the questions it
 * asks ({@link ProviderLogin}); subclasses fetch and read its data.
 */
abstract class CredentialLoginConnector implements Connector {

  private final ProviderDescriptor descriptor;
  private final ProviderLogin login;

  CredentialLoginConnector(ProviderDescriptor descriptor, ProviderHttp http, ObjectMapper json, URI base) {
    this.descriptor = descriptor;
    this.login = new ProviderLogin(http, json, base);
  }

  @Override
  public ProviderDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public Mono<LoginOutcome> login(Credentials credentials, String deviceId, URI callbackUrl) {
    return login.login(credentials, deviceId, callbackUrl);
  }

  @Override
  public Mono<LoginOutcome> answer(String challengeId, String answer) {
    return login.answer(challengeId, Map.of("answer", answer));
  }

  /** An instant as data requests take it: ISO-8601 in UTC, to the second. */
  static String iso(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
  }

  @Override
  public Mono<LoginOutcome> selectAccounts(String challengeId, List<String> accountNumbers) {
    return login.answer(challengeId, Map.of("accounts", accountNumbers));
  }
}
