package dev.feedlink.sandbox.bank.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A posted transaction, as the CDR's BankingTransaction describes it.
 *
 * @param amount signed: negative when money left the account
 * @param executed when it happened; also its posting time (the sandbox posts at once)
 */
public record BankTransaction(
    String accountId,
    String transactionId,
    String type,
    String description,
    Instant executed,
    BigDecimal amount,
    String reference,
    String merchantName,
    String merchantCategoryCode) {}
