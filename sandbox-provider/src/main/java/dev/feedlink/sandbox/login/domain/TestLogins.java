package dev.feedlink.sandbox.login.domain;

import static dev.feedlink.sandbox.login.domain.AccountKind.CREDIT_CARD;
import static dev.feedlink.sandbox.login.domain.AccountKind.ELECTRICITY;
import static dev.feedlink.sandbox.login.domain.AccountKind.GAS;
import static dev.feedlink.sandbox.login.domain.AccountKind.SAVINGS;
import static dev.feedlink.sandbox.login.domain.AccountKind.TRANSACTION;

import dev.feedlink.sandbox.domain.Noise;
import dev.feedlink.sandbox.domain.Provider;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The documented test logins (README, "Test logins") and their accounts. The same usernames exist
 * at both providers; account numbers are fixed so tests and demos can name them.
 */
public final class TestLogins {

  public static final String DEFAULT_PASSWORD = "pass_good";

  /** {@code user_good_<suffix>}: as many independent good logins as a test or benchmark needs. */
  static final Pattern GOOD_FAMILY = Pattern.compile("user_good_([A-Za-z0-9-]{1,40})");

  private record Spec(String username, Behaviour behaviour, int index, List<AccountKind> utility, List<AccountKind> bank) {}

  private static final List<Spec> DOCUMENTED =
      List.of(
          new Spec("user_good", Behaviour.GOOD, 1, List.of(ELECTRICITY, GAS), List.of(TRANSACTION, SAVINGS)),
          new Spec("user_mfa", Behaviour.MFA_CODE, 2, List.of(ELECTRICITY, GAS), List.of(TRANSACTION, SAVINGS)),
          new Spec("user_mfa_choice", Behaviour.MFA_METHOD_CHOICE, 3, List.of(ELECTRICITY), List.of(TRANSACTION)),
          new Spec("user_mfa_action", Behaviour.MFA_ACTION, 4, List.of(ELECTRICITY), List.of(TRANSACTION)),
          new Spec("user_security", Behaviour.SECURITY_QUESTION, 5, List.of(ELECTRICITY), List.of(TRANSACTION)),
          new Spec("user_select", Behaviour.SELECT, 6, List.of(ELECTRICITY, ELECTRICITY, GAS), List.of(TRANSACTION, SAVINGS, CREDIT_CARD)),
          new Spec("user_nodata", Behaviour.NO_DATA, 7, List.of(ELECTRICITY), List.of(TRANSACTION)),
          new Spec("user_down", Behaviour.DOWN, 8, List.of(ELECTRICITY), List.of(TRANSACTION)),
          new Spec("user_slow", Behaviour.SLOW, 9, List.of(ELECTRICITY), List.of(TRANSACTION)),
          new Spec("user_expired", Behaviour.EXPIRED, 10, List.of(ELECTRICITY), List.of(TRANSACTION)),
          new Spec("user_webhook", Behaviour.WEBHOOK, 11, List.of(ELECTRICITY, GAS), List.of(TRANSACTION, SAVINGS)),
          new Spec("user_malformed", Behaviour.MALFORMED, 12, List.of(ELECTRICITY), List.of(TRANSACTION)));

  public static final String SAMPLE_USERNAME = "user_sample";

  private final Map<Provider, List<ProviderAccount>> sampleAccounts;
  private final String sampleSubscriptionId;

  /**
   * @param sampleAccounts the accounts of {@code user_sample}, as the sample files name them
   * @param sampleSubscriptionId the subscription id in the Green Button sample files' self link
   */
  public TestLogins(Map<Provider, List<ProviderAccount>> sampleAccounts, String sampleSubscriptionId) {
    this.sampleAccounts = Map.copyOf(sampleAccounts);
    this.sampleSubscriptionId = sampleSubscriptionId;
  }

  public boolean exists(String username) {
    return username != null
        && (SAMPLE_USERNAME.equals(username)
            || GOOD_FAMILY.matcher(username).matches()
            || DOCUMENTED.stream().anyMatch(s -> s.username().equals(username)));
  }

  public Optional<TestLogin> find(Provider provider, String username) {
    if (username == null) {
      return Optional.empty();
    }
    if (SAMPLE_USERNAME.equals(username)) {
      return Optional.of(login(provider, username, Behaviour.SAMPLE, sampleAccounts.getOrDefault(provider, List.of()),
          provider == Provider.UTILITY ? sampleSubscriptionId : null));
    }
    var family = GOOD_FAMILY.matcher(username);
    if (family.matches()) {
      return Optional.of(familyMember(provider, username, family.group(1)));
    }
    return DOCUMENTED.stream()
        .filter(s -> s.username().equals(username))
        .findFirst()
        .map(s -> documented(provider, s));
  }

  private TestLogin documented(Provider provider, Spec spec) {
    // The pushing aggregator is a utility-side story; at the bank user_webhook is a plain good login.
    Behaviour behaviour = spec.behaviour() == Behaviour.WEBHOOK && provider == Provider.BANK ? Behaviour.GOOD : spec.behaviour();
    String prefix = provider == Provider.UTILITY ? "555000" : "100000";
    List<AccountKind> kinds = provider == Provider.UTILITY ? spec.utility() : spec.bank();
    List<ProviderAccount> accounts = new ArrayList<>();
    for (int k = 0; k < kinds.size(); k++) {
      String number = prefix + String.format(Locale.ROOT, "%02d%02d", spec.index(), k + 1);
      accounts.add(new ProviderAccount(number, accountName(spec.behaviour(), kinds.get(k), k), kinds.get(k)));
    }
    return login(provider, spec.username(), behaviour, accounts, subscriptionId(provider, spec.username()));
  }

  private TestLogin familyMember(Provider provider, String username, String suffix) {
    long key = suffix.matches("\\d{1,9}") ? Long.parseLong(suffix) : Math.floorMod(Noise.seedOf(suffix), 1_000_000_000L);
    String prefix = provider == Provider.UTILITY ? "77" : "88";
    List<AccountKind> kinds = provider == Provider.UTILITY ? List.of(ELECTRICITY, GAS) : List.of(TRANSACTION, SAVINGS);
    List<ProviderAccount> accounts = new ArrayList<>();
    for (int k = 0; k < kinds.size(); k++) {
      String number = prefix + String.format(Locale.ROOT, "%09d%d", key, k + 1);
      accounts.add(new ProviderAccount(number, accountName(Behaviour.GOOD, kinds.get(k), k), kinds.get(k)));
    }
    return login(provider, username, Behaviour.GOOD, accounts, subscriptionId(provider, username));
  }

  private static TestLogin login(Provider provider, String username, Behaviour behaviour, List<ProviderAccount> accounts, String subscriptionId) {
    String customerId = HexFormat.of().withUpperCase().toHexDigits((int) Noise.seedOf("customer:" + username));
    return new TestLogin(provider, username, behaviour, accounts, subscriptionId, customerId);
  }

  private static String subscriptionId(Provider provider, String username) {
    return provider == Provider.UTILITY ? HexFormat.of().toHexDigits((int) Noise.seedOf("subscription:" + username)) : null;
  }

  private static String accountName(Behaviour behaviour, AccountKind kind, int position) {
    return switch (kind) {
      case ELECTRICITY -> behaviour == Behaviour.SELECT && position == 1 ? "Workshop electricity" : "Home electricity";
      case GAS -> behaviour == Behaviour.SELECT ? "Cabin gas" : "Home gas";
      case TRANSACTION -> "Everyday Account";
      case SAVINGS -> "Bonus Saver";
      case CREDIT_CARD -> "Platinum Rewards Card";
    };
  }
}
