package dev.feedlink.pipeline.provider.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A CDR BankingTransaction.
 *
 * @param transactionId the provider's id; for a transaction without one (CDR allows it while no
 *     detail is available) a digest of what identifies it, so it is still stored once
 */
public record BankTransaction(
    String accountId,
    String transactionId,
    String status,
    Instant postingTime,
    Instant executionTime,
    BigDecimal amount,
    String currency,
    String description,
    String type,
    String reference) {}
