package dev.feedlink.sandbox.login.domain;

import java.util.Locale;

/** The steps a provider may ask of the user during a login. */
public enum ChallengeType {
  MFA_CODE,
  MFA_METHOD_CHOICE,
  SECURITY_QUESTION,
  MFA_ACTION,
  ACCOUNT_SELECTION;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
