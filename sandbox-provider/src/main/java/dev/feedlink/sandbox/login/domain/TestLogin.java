package dev.feedlink.sandbox.login.domain;

import dev.feedlink.sandbox.domain.Provider;
import java.util.List;
import java.util.Optional;

/**
 * One test login at one provider.
 *
 * @param subscriptionId the ESPI subscription of its data (utility), else null
 * @param customerId the provider's id of the customer (RetailCustomer at the utility)
 */
public record TestLogin(
    Provider provider,
    String username,
    Behaviour behaviour,
    List<ProviderAccount> accounts,
    String subscriptionId,
    String customerId) {

  public TestLogin {
    accounts = List.copyOf(accounts);
  }

  public Optional<ProviderAccount> account(String number) {
    return accounts.stream().filter(a -> a.number().equals(number)).findFirst();
  }
}
