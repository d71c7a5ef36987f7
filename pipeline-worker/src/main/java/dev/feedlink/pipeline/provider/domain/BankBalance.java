package dev.feedlink.pipeline.provider.domain;

import java.math.BigDecimal;

/** A CDR BankingBalance: what the account holds now. */
public record BankBalance(String accountId, BigDecimal currentBalance, BigDecimal availableBalance, String currency) {}
