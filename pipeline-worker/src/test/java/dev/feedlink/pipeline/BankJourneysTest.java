package dev.feedlink.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.events.AccountsLinked;
import dev.feedlink.events.DataAvailable;
import dev.feedlink.events.FailureReason;
import dev.feedlink.events.PromptType;
import dev.feedlink.events.SessionStatusChanged;
import dev.feedlink.events.TransactionRecord;
import dev.feedlink.pipeline.provider.domain.Samples;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each test login of Sandbox Bank (Consumer Data Right), end to end through Kafka and PostgreSQL. */
class BankJourneysTest extends PipelineIntegrationTest {

  @Test
  void aGoodLoginDeliversAccountsBalancesAndTransactionsAndKeepsTheCustomer() {
    Link link = bank("user_good");
    UUID session = connect(link);

    assertFinalCodes(session).isEqualTo(SYNCED_AFTER_LOGIN);
    SessionStatusChanged synced = statuses(session).get(statuses(session).size() - 1);
    assertThat(synced.getExtraction()).extracting(e -> e.getDataType() + "=" + e.getStatus())
        .containsExactlyInAnyOrder("BANK_ACCOUNT=SUCCESS", "BANK_BALANCE=SUCCESS", "BANK_TRANSACTION=SUCCESS", "USER_INFO=SUCCESS");
    Map<String, DataAvailable> byType = dataAvailableByType(session);
    assertThat(byType.keySet()).containsExactlyInAnyOrder("bank_account", "bank_balance", "bank_transaction");
    assertThat(byType.get("bank_account").getTotalNewRecords()).isEqualTo(2);
    assertThat(byType.get("bank_balance").getTotalNewRecords()).isEqualTo(2);
    assertThat(byType.get("bank_balance").getAccounts()).allSatisfy(a -> assertThat(a.getBalances()).singleElement()
        .satisfies(b -> assertThat(b.getCurrency()).isEqualTo("AUD")));
    assertThat(byType.get("bank_transaction").getTotalNewRecords()).isGreaterThan(0);
    assertThat(byType.get("bank_transaction").getSourceCountry()).isEqualTo("AU");
    AccountsLinked linked = PROBE.await(AccountsLinked.class, e -> e.getSessionId().equals(session.toString()), WAIT);
    assertThat(linked.getAccounts()).extracting(a -> a.getAccountNumber() + ":" + a.getKind())
        .containsExactly("1000000101:transaction", "1000000102:savings");
    assertGapFreeSequence(link.connectionId());
  }

  @Test
  void theSampleBankDataArrivesWholeWithTheFilesTotals() {
    Link link = bank("user_sample");
    UUID session = connect(link);

    assertFinalCodes(session).isEqualTo(SYNCED_AFTER_LOGIN);
    Map<String, DataAvailable> byType = dataAvailableByType(session);
    assertThat(byType.get("bank_account").getTotalNewRecords()).isEqualTo(5);
    assertThat(byType.get("bank_balance").getTotalNewRecords()).isEqualTo(5);
    DataAvailable transactions = byType.get("bank_transaction");
    assertThat(transactions.getTotalNewRecords()).isEqualTo(50);
    assertThat(transactions.getInline()).isTrue();

    Map<String, BigDecimal> delivered = new TreeMap<>();
    transactions.getAccounts().forEach(a -> delivered.put(a.getAccountNumber(),
        a.getTransactions().stream().map(TransactionRecord::getAmount).map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add)));
    Map<String, BigDecimal> inFile = new TreeMap<>();
    Matcher m = Pattern.compile(
            "\"accountId\":\\s*\"(\\d+)\",\\s*\"transactionId\":\\s*\"\\d+\",.*?\"amount\":\\s*\"(-?[0-9.]+)\"", Pattern.DOTALL)
        .matcher(Samples.text("cdr/cdr-test-data-uc5.json"));
    while (m.find()) {
      inFile.merge(m.group(1), new BigDecimal(m.group(2)), BigDecimal::add);
    }
    assertThat(delivered.keySet()).isEqualTo(inFile.keySet());
    inFile.forEach((account, total) -> assertThat(delivered.get(account)).as(account).isEqualByComparingTo(total));
  }

  @Test
  void anMfaCodeAtTheBankIsAskedAndAccepted() {
    Link link = bank("user_mfa");
    UUID session = connect(link);
    PROBE.await(SessionStatusChanged.class, e -> e.getSessionId().equals(session.toString()) && e.getPrompt() != null, WAIT);

    answer(link, session, PromptType.MFA_CODE, "123456");

    assertFinalCodes(session).isEqualTo(List.of(6, 6, 9, 2, 12, 13, 15, 21, 16, 16, 16, 16, 16, 18, 19));
  }

  @Test
  void theUserPicksBankAccounts() {
    Link link = bank("user_select");
    UUID session = connect(link);
    SessionStatusChanged asked = PROBE.await(SessionStatusChanged.class,
        e -> e.getSessionId().equals(session.toString()) && e.getPrompt() != null, WAIT);
    assertThat(asked.getPrompt().getAccounts()).hasSize(3);

    select(link, session, List.of("1000000601", "1000000603"));

    assertFinalCodes(session).isEqualTo(List.of(6, 6, 9, 2, 12, 13, 15, 21, 16, 16, 16, 16, 16, 18, 19));
    assertThat(dataAvailableByType(session).get("bank_account").getAccounts()).extracting(a -> a.getAccountNumber())
        .containsExactly("1000000601", "1000000603");
  }

  @Test
  void aLoginWithNoDataHasItsAccountButNoDataFound() {
    UUID session = connect(bank("user_nodata"));

    assertFinalCodes(session).isEqualTo(SYNCED_AFTER_LOGIN);
    assertThat(statuses(session).stream().filter(s -> s.getCode() == 15).findFirst().orElseThrow().getDataFound()).isFalse();
  }

  @Test
  void malformedBankJsonIsALoadingErrorNamingTheMissingField() {
    UUID session = connect(bank("user_malformed"));

    assertFinalCodes(session).containsExactly(6, 9, 2, 11);
    SessionStatusChanged failed = statuses(session).get(3);
    assertThat(failed.getFailure().getReason()).isEqualTo(FailureReason.MALFORMED_DATA);
    assertThat(failed.getFailure().getMessage()).contains("is missing");
  }

  @Test
  void aBankThatAnswers503IsUnavailable() {
    UUID session = connect(bank("user_down"));

    assertFinalCodes(session).containsExactly(6, 7);
    assertThat(statuses(session).get(1).getFailure().getReason()).isEqualTo(FailureReason.PROVIDER_UNAVAILABLE);
  }
}
