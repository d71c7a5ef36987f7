package dev.feedlink.sandbox.login.domain;

import java.util.List;

/**
 * The user's answer to a challenge: a text ({@code answer}) or the accounts picked ({@code
 * accounts}); either may be absent when the client sent the other.
 */
public record Answer(String text, List<String> accounts) {

  public Answer {
    accounts = accounts == null ? null : List.copyOf(accounts);
  }

  public static Answer text(String text) {
    return new Answer(text, null);
  }

  public static Answer accounts(List<String> accounts) {
    return new Answer(null, accounts);
  }
}
