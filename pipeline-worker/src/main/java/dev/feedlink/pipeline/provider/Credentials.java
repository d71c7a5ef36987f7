package dev.feedlink.pipeline.provider;

/** A login at a provider. Never printed: {@link #toString()} hides the password. */
public record Credentials(String username, String password) {

  @Override
  public String toString() {
    return "Credentials[username=" + username + ", password=***]";
  }
}
