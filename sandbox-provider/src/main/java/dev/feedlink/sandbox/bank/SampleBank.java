package dev.feedlink.sandbox.bank;

import dev.feedlink.sandbox.samples.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code user_sample} at the bank: the customer, accounts, balances and transactions of the CDR
 * {@code uc5} test data, as the Banking API's list endpoints show them (the summary fields of an
 * account; a transaction without its detail-only {@code extendedData}).
 */
@Component
class SampleBank {

  private static final Set<String> ACCOUNT_FIELDS =
      Set.of("accountId", "creationDate", "displayName", "nickname", "openStatus", "isOwned", "accountOwnership",
          "maskedNumber", "productCategory", "productName");

  private final JsonNode customer;

  SampleBank(Samples samples) {
    this.customer = samples.bankCustomer();
  }

  JsonNode customer() {
    return customer.path("customer");
  }

  List<JsonNode> accounts() {
    List<JsonNode> accounts = new ArrayList<>();
    for (JsonNode entry : entries()) {
      ObjectNode summary = ((ObjectNode) entry.path("account")).deepCopy();
      summary.retain(ACCOUNT_FIELDS);
      accounts.add(summary);
    }
    return accounts;
  }

  List<JsonNode> balances() {
    List<JsonNode> balances = new ArrayList<>();
    entries().forEach(e -> balances.add(e.path("balance")));
    return balances;
  }

  Optional<List<JsonNode>> transactions(String accountId) {
    for (JsonNode entry : entries()) {
      if (accountId.equals(entry.path("account").path("accountId").asString())) {
        List<JsonNode> transactions = new ArrayList<>();
        for (JsonNode t : entry.path("transactions")) {
          ObjectNode listed = ((ObjectNode) t).deepCopy();
          listed.remove("extendedData");
          transactions.add(listed);
        }
        return Optional.of(transactions);
      }
    }
    return Optional.empty();
  }

  private JsonNode entries() {
    return customer.path("banking").path("accounts");
  }
}
