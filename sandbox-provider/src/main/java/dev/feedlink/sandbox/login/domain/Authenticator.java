package dev.feedlink.sandbox.login.domain;

import dev.feedlink.sandbox.control.domain.SandboxSettings;
import dev.feedlink.sandbox.domain.Provider;
import dev.feedlink.sandbox.domain.ResettableState;
import dev.feedlink.sandbox.login.domain.LoginOutcome.AnswerError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The login protocol of both providers: password, then the challenge the login's behaviour asks
 * for (skipped from a trusted device or a remembered selection), then a token for the chosen
 * accounts. All on the sandbox clock.
 */
public final class Authenticator implements ResettableState {

  public static final String RIGHT_CODE = "123456";
  public static final String RIGHT_SECURITY_ANSWER = "blue";
  public static final String APPROVAL = "approved";

  private static final Map<Provider, List<String>> SCOPES =
      Map.of(
          // ESPI scope string: function blocks, interval lengths, daily blocks, 400 days of history.
          Provider.UTILITY, List.of("FB=4_5_15_16;IntervalDuration=900_3600;BlockDuration=daily;HistoryLength=34560000"),
          Provider.BANK,
          List.of(
              "bank:accounts.basic:read",
              "bank:accounts.detail:read",
              "bank:transactions:read",
              "common:customer.basic:read"));

  private final TestLogins logins;
  private final Clock clock;
  private final SandboxSettings settings;
  private final Duration tokenTtl;

  private final Passwords passwords = new Passwords();
  private final DeviceTrust trust = new DeviceTrust();
  private final Challenges challenges;
  private final Grants grants = new Grants();
  private final Map<DeviceKey, Instant> consentsExpireAt = new ConcurrentHashMap<>();
  private final Map<String, Instant> firstLogins = new ConcurrentHashMap<>();

  public Authenticator(TestLogins logins, Clock clock, SandboxSettings settings, Duration challengeTtl, Duration tokenTtl) {
    this.logins = logins;
    this.clock = clock;
    this.settings = settings;
    this.challenges = new Challenges(challengeTtl);
    this.tokenTtl = tokenTtl;
  }

  public Duration tokenTtl() {
    return tokenTtl;
  }

  public LoginOutcome login(Provider provider, String username, String password, String deviceId, String callbackUrl) {
    Optional<TestLogin> found = logins.find(provider, username);
    if (found.isEmpty() || password == null || !passwords.matches(username, password)) {
      return new LoginOutcome.InvalidCredentials();
    }
    TestLogin login = found.get();
    LoginAttempt attempt = new LoginAttempt(login, deviceId, callbackUrl);
    Instant now = clock.instant();
    Instant consentEnd = consentsExpireAt.get(attempt.device());
    if (consentEnd != null && !now.isBefore(consentEnd)) {
      return new LoginOutcome.ConsentExpired(consentEnd);
    }
    if (login.behaviour().asksMfa() && !(attempt.hasDevice() && trust.trusted(attempt.device(), now))) {
      return new LoginOutcome.Challenged(firstChallenge(attempt, now));
    }
    if (login.behaviour() == Behaviour.SELECT) {
      Optional<List<ProviderAccount>> remembered = attempt.hasDevice() ? trust.selection(attempt.device()) : Optional.empty();
      if (remembered.isEmpty()) {
        return new LoginOutcome.Challenged(
            challenges.open(ChallengeType.ACCOUNT_SELECTION, null, List.of(), null, login.accounts(), attempt, now));
      }
      return authorize(attempt, remembered.get(), now);
    }
    return authorize(attempt, login.accounts(), now);
  }

  private Challenge firstChallenge(LoginAttempt attempt, Instant now) {
    return switch (attempt.login().behaviour()) {
      case MFA_METHOD_CHOICE ->
          challenges.open(ChallengeType.MFA_METHOD_CHOICE, null, Challenge.MFA_METHODS, null, List.of(), attempt, now);
      case SECURITY_QUESTION ->
          challenges.open(ChallengeType.SECURITY_QUESTION, Challenge.SECURITY_QUESTION, List.of(), null, List.of(), attempt, now);
      case MFA_ACTION -> challenges.open(ChallengeType.MFA_ACTION, null, List.of(), null, List.of(), attempt, now);
      default -> challenges.open(ChallengeType.MFA_CODE, null, List.of(), null, List.of(), attempt, now);
    };
  }

  public LoginOutcome answer(Provider provider, String challengeId, Answer answer) {
    Optional<Challenge> found = challenges.find(challengeId).filter(c -> c.attempt().login().provider() == provider);
    if (found.isEmpty()) {
      return new LoginOutcome.UnknownChallenge();
    }
    Challenge challenge = found.get();
    Instant now = clock.instant();
    if (challenge.expired(now)) {
      return new LoginOutcome.ChallengeExpired();
    }
    if (challenge.type() == ChallengeType.ACCOUNT_SELECTION) {
      return select(challenge, answer.accounts(), now);
    }
    if (answer.text() == null || answer.text().isBlank()) {
      return new LoginOutcome.MissingAnswer("answer", challenge);
    }
    String text = answer.text().strip();
    return switch (challenge.type()) {
      case MFA_CODE -> text.equals(RIGHT_CODE) ? passMfa(challenge, now) : wrong(AnswerError.MFA_CODE_INVALID, challenge);
      case SECURITY_QUESTION ->
          text.equalsIgnoreCase(RIGHT_SECURITY_ANSWER) ? passMfa(challenge, now) : wrong(AnswerError.SECURITY_ANSWER_INVALID, challenge);
      case MFA_ACTION -> text.equalsIgnoreCase(APPROVAL) ? passMfa(challenge, now) : wrong(AnswerError.MFA_ACTION_INVALID, challenge);
      case MFA_METHOD_CHOICE -> chooseMethod(challenge, text.toLowerCase(Locale.ROOT), now);
      case ACCOUNT_SELECTION -> throw new IllegalStateException("handled above");
    };
  }

  private LoginOutcome chooseMethod(Challenge challenge, String method, Instant now) {
    if (!challenge.methods().contains(method)) {
      return wrong(AnswerError.MFA_METHOD_INVALID, challenge);
    }
    challenges.close(challenge);
    return new LoginOutcome.Challenged(
        challenges.open(ChallengeType.MFA_CODE, null, List.of(), method, List.of(), challenge.attempt(), now));
  }

  private LoginOutcome passMfa(Challenge challenge, Instant now) {
    challenges.close(challenge);
    LoginAttempt attempt = challenge.attempt();
    if (attempt.hasDevice()) {
      trust.trust(attempt.device(), now.plus(Duration.ofDays(settings.current().deviceTrustDays())));
    }
    return authorize(attempt, attempt.login().accounts(), now);
  }

  private LoginOutcome select(Challenge challenge, List<String> picked, Instant now) {
    if (picked == null) {
      return new LoginOutcome.MissingAnswer("accounts", challenge);
    }
    Set<String> offered = new HashSet<>();
    challenge.accounts().forEach(a -> offered.add(a.number()));
    Set<String> chosen = new LinkedHashSet<>(picked);
    if (chosen.isEmpty() || !offered.containsAll(chosen)) {
      return wrong(AnswerError.SELECTION_INVALID, challenge);
    }
    challenges.close(challenge);
    List<ProviderAccount> accounts = challenge.accounts().stream().filter(a -> chosen.contains(a.number())).toList();
    LoginAttempt attempt = challenge.attempt();
    if (attempt.hasDevice()) {
      trust.rememberSelection(attempt.device(), accounts);
    }
    return authorize(attempt, accounts, now);
  }

  private static LoginOutcome wrong(AnswerError error, Challenge challenge) {
    return new LoginOutcome.WrongAnswer(error, challenge);
  }

  private LoginOutcome authorize(LoginAttempt attempt, List<ProviderAccount> accounts, Instant now) {
    TestLogin login = attempt.login();
    if (login.behaviour() == Behaviour.EXPIRED) {
      consentsExpireAt.putIfAbsent(attempt.device(), now.plus(Duration.ofDays(settings.current().consentDays())));
    }
    Instant firstLogin = firstLogins.computeIfAbsent(login.provider().path() + ":" + login.username(), k -> now);
    return new LoginOutcome.Authorized(
        grants.issue(attempt, accounts, SCOPES.get(login.provider()), now, now.plus(tokenTtl), firstLogin));
  }

  /** Whose login a challenge belongs to, so the gate can apply that login's behaviour. */
  public Optional<TestLogin> challengeLogin(Provider provider, String challengeId) {
    return challenges.find(challengeId).map(c -> c.attempt().login()).filter(l -> l.provider() == provider);
  }

  /** The grant a bearer token stands for, if it is valid now. */
  public Optional<Grant> grant(Provider provider, String accessToken) {
    return grants.find(provider, accessToken, clock.instant());
  }

  /** When the consent behind a grant ended, if it has ({@code user_expired}). */
  public Optional<Instant> consentEnded(Grant grant) {
    Instant end = consentsExpireAt.get(grant.attempt().device());
    return end != null && !clock.instant().isBefore(end) ? Optional.of(end) : Optional.empty();
  }

  public boolean knows(String username) {
    return logins.exists(username);
  }

  /** Changes a password at both providers and revokes every trusted device, token and open challenge. */
  public void changePassword(String username, String password) {
    if (!logins.exists(username)) {
      throw new IllegalArgumentException("unknown test login " + username);
    }
    passwords.change(username, password);
    trust.revoke(username);
    grants.revoke(username);
    challenges.revoke(username);
  }

  /** Back to the documented state: passwords, devices, consents, tokens, challenges, history starts. */
  @Override
  public void reset() {
    passwords.reset();
    trust.reset();
    challenges.reset();
    grants.reset();
    consentsExpireAt.clear();
    firstLogins.clear();
  }
}
