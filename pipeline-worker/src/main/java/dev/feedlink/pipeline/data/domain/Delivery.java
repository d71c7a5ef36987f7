package dev.feedlink.pipeline.data.domain;

import dev.feedlink.pipeline.provider.domain.DataType;
import java.util.List;

/** What one session delivers of one data type, over its accounts. */
public record Delivery(DataType dataType, List<AccountDelivery> accounts, boolean inline) {

  public Delivery {
    accounts = List.copyOf(accounts);
  }

  public long newRecords() {
    return accounts.stream().mapToLong(AccountDelivery::newRecords).sum();
  }

  public long overlapping() {
    return accounts.stream().mapToLong(AccountDelivery::overlapping).sum();
  }

  public long total() {
    return newRecords() + overlapping();
  }

  /** Records go in the event itself up to {@code inlineMax}; beyond that, a link to the data API. */
  public static boolean fitsInline(long records, int inlineMax) {
    return records <= inlineMax;
  }
}
