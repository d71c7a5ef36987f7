package dev.feedlink.pipeline.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedlink.pipeline.provider.domain.BankAccount;
import dev.feedlink.pipeline.provider.domain.BankBalance;
import dev.feedlink.pipeline.provider.domain.BankTransaction;
import dev.feedlink.pipeline.provider.domain.MalformedDocumentException;
import dev.feedlink.pipeline.provider.domain.Samples;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CDR test-data sample (uc5), served in the CDR response envelope as the sandbox bank serves it,
 * read by the parser; totals are checked against sums taken from the file's text.
 */
class CdrBankingParserTest {

  private final ObjectMapper json = new ObjectMapper();
  private final CdrBankingParser parser = new CdrBankingParser(json);
  private final JsonNode banking = json.readTree(Samples.bytes("cdr/cdr-test-data-uc5.json"))
      .path("holders").get(0).path("holder").path("authenticated").path("customers").get(0).path("banking");

  private byte[] envelope(String field, List<JsonNode> items) {
    ObjectNode root = json.createObjectNode();
    ArrayNode list = root.putObject("data").putArray(field);
    items.forEach(list::add);
    root.putObject("links").put("self", "https://bank.example/" + field);
    root.putObject("meta").put("totalRecords", items.size()).put("totalPages", 1);
    return json.writeValueAsBytes(root);
  }

  private List<JsonNode> each(String part) {
    return banking.path("accounts").values().stream().map(a -> a.path(part)).toList();
  }

  /** Transaction amounts by account, summed from the file's text with a regular expression. */
  private static Map<String, BigDecimal> transactionTotalsInText() {
    String text = Samples.text("cdr/cdr-test-data-uc5.json");
    Matcher m = Pattern.compile(
            "\"accountId\":\\s*\"(\\d+)\",\\s*\"transactionId\":\\s*\"\\d+\",.*?\"amount\":\\s*\"(-?[0-9.]+)\"", Pattern.DOTALL)
        .matcher(text);
    Map<String, BigDecimal> totals = new TreeMap<>();
    while (m.find()) {
      totals.merge(m.group(1), new BigDecimal(m.group(2)), BigDecimal::add);
    }
    return totals;
  }

  @Test
  void everyAccountBalanceAndTransactionOfTheSampleIsReadAndTheTotalsMatch() {
    List<BankAccount> accounts = parser.accounts(envelope("accounts", each("account"))).items();
    List<BankBalance> balances = parser.balances(envelope("balances", each("balance"))).items();
    List<BankTransaction> transactions = parser.transactions(envelope("transactions",
        banking.path("accounts").values().stream().flatMap(a -> a.path("transactions").values().stream()).toList())).items();

    assertThat(accounts).hasSize(5);
    assertThat(accounts).extracting(BankAccount::accountId).doesNotHaveDuplicates();
    assertThat(balances).hasSize(5).allSatisfy(b -> assertThat(b.currency()).isEqualTo("AUD"));
    assertThat(transactions).hasSize(50);
    assertThat(transactions).extracting(BankTransaction::transactionId).doesNotHaveDuplicates();

    Map<String, BigDecimal> parsedTotals = transactions.stream()
        .collect(Collectors.toMap(BankTransaction::accountId, BankTransaction::amount, BigDecimal::add, TreeMap::new));
    Map<String, BigDecimal> expected = transactionTotalsInText();
    assertThat(parsedTotals.keySet()).isEqualTo(expected.keySet());
    expected.forEach((account, total) -> assertThat(parsedTotals.get(account)).as(account).isEqualByComparingTo(total));

    Matcher current = Pattern.compile("\"currentBalance\":\\s*\"(-?[0-9.]+)\"").matcher(Samples.text("cdr/cdr-test-data-uc5.json"));
    BigDecimal expectedBalances = BigDecimal.ZERO;
    while (current.find()) {
      expectedBalances = expectedBalances.add(new BigDecimal(current.group(1)));
    }
    assertThat(balances.stream().map(BankBalance::currentBalance).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(expectedBalances);
  }

  @Test
  void theNextPageLinkIsFollowedFromTheEnvelope() {
    String body = "{\"data\":{\"accounts\":[]},\"links\":{\"self\":\"a\",\"next\":\"https://bank.example/accounts?page=2\"},\"meta\":{}}";
    assertThat(parser.accounts(body.getBytes(StandardCharsets.UTF_8)).next()).isEqualTo("https://bank.example/accounts?page=2");
  }

  @Test
  void aTransactionMissingItsAmountIsMalformedNamingTheField() {
    ObjectNode tx = (ObjectNode) banking.path("accounts").get(0).path("transactions").get(3).deepCopy();
    tx.remove("amount");

    assertThatThrownBy(() -> parser.transactions(envelope("transactions", List.of(tx))))
        .isInstanceOf(MalformedDocumentException.class)
        .hasMessage("CDR data.transactions[0].amount is missing");
  }

  @Test
  void anAmountThatIsNotADecimalIsMalformed() {
    ObjectNode balance = (ObjectNode) banking.path("accounts").get(1).path("balance").deepCopy();
    balance.put("currentBalance", "lots");

    assertThatThrownBy(() -> parser.balances(envelope("balances", List.of(balance))))
        .isInstanceOf(MalformedDocumentException.class)
        .hasMessageContaining("currentBalance 'lots' is not an amount");
  }

  @Test
  void truncatedJsonIsMalformed() {
    byte[] whole = envelope("accounts", each("account"));
    byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2);

    assertThatThrownBy(() -> parser.accounts(truncated))
        .isInstanceOf(MalformedDocumentException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void aPendingTransactionWithoutAnIdGetsTheSameDigestEveryTime() {
    ObjectNode tx = (ObjectNode) banking.path("accounts").get(0).path("transactions").get(0).deepCopy();
    tx.remove("transactionId");
    tx.put("status", "PENDING");
    tx.put("isDetailAvailable", false);

    BankTransaction once = parser.transactions(envelope("transactions", List.of(tx))).items().get(0);
    BankTransaction again = parser.transactions(envelope("transactions", List.of(tx))).items().get(0);

    assertThat(once.transactionId()).startsWith("digest:").isEqualTo(again.transactionId());
  }
}
