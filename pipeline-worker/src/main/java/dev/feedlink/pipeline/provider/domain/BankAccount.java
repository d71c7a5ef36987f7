package dev.feedlink.pipeline.provider.domain;

/** A CDR BankingAccount, the fields Feedlink keeps. */
public record BankAccount(
    String accountId,
    String displayName,
    String nickname,
    String maskedNumber,
    String productCategory,
    String productName,
    String openStatus,
    boolean owned) {}
