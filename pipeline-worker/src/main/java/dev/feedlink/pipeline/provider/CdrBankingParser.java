package dev.feedlink.pipeline.provider;

import dev.feedlink.pipeline.provider.domain.BankAccount;
import dev.feedlink.pipeline.provider.domain.BankBalance;
import dev.feedlink.pipeline.provider.domain.BankTransaction;
import dev.feedlink.pipeline.provider.domain.MalformedDocumentException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiFunction;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads Consumer Data Right banking responses: the envelope ({@code data}, {@code links},
 * {@code meta}) and the BankingAccount, BankingBalance and BankingTransaction objects in it. A
 * field the standard makes mandatory missing, or an amount that is not a decimal, makes the
 * document malformed, naming the field by its path.
 */
public final class CdrBankingParser {

  /** CDR: a currency left out is Australian dollars. */
  public static final String DEFAULT_CURRENCY = "AUD";

  private final ObjectMapper json;

  public CdrBankingParser(ObjectMapper json) {
    this.json = json;
  }

  /** One page of a list response and the link to the next, if any. */
  public record Page<T>(List<T> items, String next) {}

  public Page<BankAccount> accounts(byte[] document) {
    return page(document, "accounts", this::account);
  }

  public Page<BankBalance> balances(byte[] document) {
    return page(document, "balances", this::balance);
  }

  public Page<BankTransaction> transactions(byte[] document) {
    return page(document, "transactions", this::transaction);
  }

  /** The customer document (user info), checked to be a CDR customer response. */
  public String customer(byte[] document) {
    JsonNode root = read(document, "customer");
    JsonNode data = root.path("data");
    if (!data.isObject() || !data.path("customerUType").isString()) {
      throw new MalformedDocumentException("CDR customer response: data.customerUType is missing");
    }
    return data.toString();
  }

  private <T> Page<T> page(byte[] document, String field, BiFunction<JsonNode, String, T> item) {
    JsonNode root = read(document, field);
    JsonNode list = root.path("data").path(field);
    if (!list.isArray()) {
      throw new MalformedDocumentException("CDR " + field + " response: data." + field + " is missing or not a list");
    }
    List<T> items = new ArrayList<>();
    int i = 0;
    for (JsonNode node : list) {
      items.add(item.apply(node, "data." + field + "[" + i++ + "]"));
    }
    JsonNode next = root.path("links").path("next");
    return new Page<>(items, next.isString() && !next.asString().isBlank() ? next.asString() : null);
  }

  private JsonNode read(byte[] document, String what) {
    try {
      JsonNode root = json.readTree(document);
      if (root == null || !root.isObject()) {
        throw new MalformedDocumentException("CDR " + what + " response is not a JSON object");
      }
      return root;
    } catch (JacksonException e) {
      throw new MalformedDocumentException("CDR " + what + " response is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  public BankAccount account(JsonNode node, String path) {
    return new BankAccount(
        required(node, path, "accountId"),
        required(node, path, "displayName"),
        optional(node, "nickname"),
        required(node, path, "maskedNumber"),
        required(node, path, "productCategory"),
        required(node, path, "productName"),
        optional(node, "openStatus") == null ? "OPEN" : optional(node, "openStatus"),
        !node.has("isOwned") || node.path("isOwned").asBoolean(true));
  }

  public BankBalance balance(JsonNode node, String path) {
    return new BankBalance(
        required(node, path, "accountId"),
        amount(node, path, "currentBalance", true),
        amount(node, path, "availableBalance", true),
        optional(node, "currency") == null ? DEFAULT_CURRENCY : optional(node, "currency"));
  }

  public BankTransaction transaction(JsonNode node, String path) {
    String accountId = required(node, path, "accountId");
    String status = required(node, path, "status");
    if (!status.equals("POSTED") && !status.equals("PENDING")) {
      throw new MalformedDocumentException("CDR " + path + ".status '" + status + "' is not POSTED or PENDING");
    }
    Instant posting = time(node, path, "postingDateTime");
    if (status.equals("POSTED") && posting == null) {
      throw new MalformedDocumentException("CDR " + path + ".postingDateTime is missing for a POSTED transaction");
    }
    Instant execution = time(node, path, "executionDateTime");
    BigDecimal amount = amount(node, path, "amount", true);
    String description = required(node, path, "description");
    String reference = node.has("reference") ? node.path("reference").asString("") : null;
    if (reference == null) {
      throw new MalformedDocumentException("CDR " + path + ".reference is missing");
    }
    String id = optional(node, "transactionId");
    if (id == null) {
      id = "digest:" + digest(accountId, status, String.valueOf(execution), amount.toPlainString(), description, reference);
    }
    return new BankTransaction(
        accountId,
        id,
        status,
        posting,
        execution,
        amount,
        optional(node, "currency") == null ? DEFAULT_CURRENCY : optional(node, "currency"),
        description,
        required(node, path, "type"),
        reference);
  }

  private static String required(JsonNode node, String path, String field) {
    String value = optional(node, field);
    if (value == null) {
      throw new MalformedDocumentException("CDR " + path + "." + field + " is missing");
    }
    return value;
  }

  private static String optional(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    String text = value.asString();
    return text == null || text.isBlank() ? null : text;
  }

  private static BigDecimal amount(JsonNode node, String path, String field, boolean needed) {
    String text = needed ? required(node, path, field) : optional(node, field);
    if (text == null) {
      return null;
    }
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw new MalformedDocumentException("CDR " + path + "." + field + " '" + text + "' is not an amount");
    }
  }

  private static Instant time(JsonNode node, String path, String field) {
    String text = optional(node, field);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new MalformedDocumentException("CDR " + path + "." + field + " '" + text + "' is not an RFC 3339 date-time");
    }
  }

  private static String digest(String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a document as a tree (for tests and for documents the connector only checks). */
  public JsonNode tree(byte[] document) {
    return read(document, "document");
  }
}
