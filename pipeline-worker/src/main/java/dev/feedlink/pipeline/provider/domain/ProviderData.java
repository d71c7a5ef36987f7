package dev.feedlink.pipeline.provider.domain;

import java.util.List;

/** A provider's documents, structured: what Structuring stores. */
public sealed interface ProviderData {

  /** How many records of all kinds it holds. */
  long recordCount();

  record Utility(List<UtilityAccount> accounts) implements ProviderData {
    public Utility {
      accounts = List.copyOf(accounts);
    }

    @Override
    public long recordCount() {
      return accounts.stream().mapToLong(a -> a.intervals().size() + a.bills().size()).sum();
    }
  }

  /** @param customerJson the CDR customer document (user info), unchanged; null if not fetched */
  record Bank(List<BankAccount> accounts, List<BankBalance> balances, List<BankTransaction> transactions, String customerJson)
      implements ProviderData {
    public Bank {
      accounts = List.copyOf(accounts);
      balances = List.copyOf(balances);
      transactions = List.copyOf(transactions);
    }

    @Override
    public long recordCount() {
      return accounts.size() + balances.size() + transactions.size();
    }
  }
}
