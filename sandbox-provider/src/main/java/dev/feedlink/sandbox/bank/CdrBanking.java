package dev.feedlink.sandbox.bank;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.feedlink.sandbox.bank.domain.Balance;
import dev.feedlink.sandbox.bank.domain.BankTransaction;
import dev.feedlink.sandbox.bank.domain.Person;
import dev.feedlink.sandbox.login.domain.AccountKind;
import dev.feedlink.sandbox.login.domain.ProviderAccount;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The CDR Banking API's shapes (BankingAccount, BankingBalance, BankingTransaction, customer). */
final class CdrBanking {

  static final String CURRENCY = "AUD";

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record BankingAccount(
      String accountId,
      String creationDate,
      String displayName,
      String nickname,
      String openStatus,
      @JsonProperty("isOwned") Boolean isOwned,
      String maskedNumber,
      String productCategory,
      String productName) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record BankingBalance(String accountId, String currentBalance, String availableBalance, String creditLimit, String currency) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record BankingTransaction(
      String accountId,
      String transactionId,
      @JsonProperty("isDetailAvailable") Boolean isDetailAvailable,
      String type,
      String status,
      String description,
      String postingDateTime,
      String executionDateTime,
      String amount,
      String currency,
      String reference,
      String merchantName,
      String merchantCategoryCode) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record CommonPerson(
      String lastUpdateTime,
      String firstName,
      String lastName,
      List<String> middleNames,
      String prefix,
      String occupationCode,
      String occupationCodeVersion) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Customer(String customerUType, CommonPerson person) {}

  private CdrBanking() {}

  static BankingAccount account(ProviderAccount account, LocalDate opened) {
    boolean card = account.kind() == AccountKind.CREDIT_CARD;
    String last4 = account.number().substring(Math.max(0, account.number().length() - 4));
    return new BankingAccount(
        account.number(),
        opened.toString(),
        account.name(),
        switch (account.kind()) {
          case SAVINGS -> "Rainy day";
          case CREDIT_CARD -> "Card";
          default -> "Bills";
        },
        "OPEN",
        true,
        card ? "xxxx xxxx xxxx " + last4 : "xxxxxx" + last4,
        card ? "CRED_AND_CHRG_CARDS" : "TRANS_AND_SAVINGS_ACCOUNTS",
        account.name());
  }

  static BankingBalance balance(Balance b) {
    return new BankingBalance(
        b.accountId(),
        b.current().toPlainString(),
        b.available().toPlainString(),
        b.creditLimit() == null ? null : b.creditLimit().toPlainString(),
        CURRENCY);
  }

  static BankingTransaction transaction(BankTransaction t) {
    String at = time(t.executed());
    return new BankingTransaction(
        t.accountId(),
        t.transactionId(),
        false,
        t.type(),
        "POSTED",
        t.description(),
        at,
        at,
        t.amount().toPlainString(),
        CURRENCY,
        t.reference(),
        t.merchantName(),
        t.merchantCategoryCode());
  }

  static Customer customer(String username, Instant since) {
    Person p = Person.of(username);
    return new Customer(
        "person", new CommonPerson(time(since), p.firstName(), p.lastName(), List.of(), p.prefix(), "261313", "ANZSCO_1220.0_2013_V1.3"));
  }

  static String time(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
