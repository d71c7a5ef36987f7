package dev.feedlink.pipeline.data.domain;

import dev.feedlink.pipeline.provider.domain.BankTransaction;
import dev.feedlink.pipeline.provider.domain.UsageInterval;
import dev.feedlink.pipeline.provider.domain.UtilityBill;
import java.util.List;
import java.util.UUID;

/**
 * One account's records of one data type in a delivery: the new ones (never delivered before) and,
 * for a Rewind, those of its window delivered before. The lists are empty when the records are
 * not inline (the event links to the data API instead).
 */
public record AccountDelivery(
    UUID accountId,
    String accountNumber,
    Integer intervalResolutionMinutes,
    long newRecords,
    long overlapping,
    List<UsageInterval> intervals,
    List<UtilityBill> bills,
    List<BalanceSnapshot> balances,
    List<BankTransaction> transactions) {

  public AccountDelivery {
    intervals = List.copyOf(intervals);
    bills = List.copyOf(bills);
    balances = List.copyOf(balances);
    transactions = List.copyOf(transactions);
  }

  public long total() {
    return newRecords + overlapping;
  }
}
