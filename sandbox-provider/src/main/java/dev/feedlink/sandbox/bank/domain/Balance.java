package dev.feedlink.sandbox.bank.domain;

import java.math.BigDecimal;

/** An account's balance now; {@code creditLimit} is null but for cards. */
public record Balance(String accountId, BigDecimal current, BigDecimal available, BigDecimal creditLimit) {}
