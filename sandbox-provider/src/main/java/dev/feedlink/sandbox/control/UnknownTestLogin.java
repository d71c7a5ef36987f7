package dev.feedlink.sandbox.control;

/** A control request naming a username that is no test login (404). */
public class UnknownTestLogin extends RuntimeException {

  public UnknownTestLogin(String username) {
    super("no test login is called " + username, null, false, false);
  }
}
