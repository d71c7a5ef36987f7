package dev.feedlink.sandbox.login.domain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Each username's password, shared by both providers: {@code pass_good} until changed. */
final class Passwords {

  private final Map<String, String> changed = new ConcurrentHashMap<>();

  boolean matches(String username, String password) {
    return changed.getOrDefault(username, TestLogins.DEFAULT_PASSWORD).equals(password);
  }

  void change(String username, String password) {
    changed.put(username, password);
  }

  void reset() {
    changed.clear();
  }
}
