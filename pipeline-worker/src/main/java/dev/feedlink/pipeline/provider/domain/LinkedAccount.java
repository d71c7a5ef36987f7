package dev.feedlink.pipeline.provider.domain;

import java.util.List;

/** An account a login gives access to, as the provider describes it. */
public record LinkedAccount(String accountNumber, String name, String kind, List<String> dataTypes) {

  public LinkedAccount {
    dataTypes = dataTypes == null ? List.of() : List.copyOf(dataTypes);
  }
}
