package dev.feedlink.sandbox.login.domain;

/** What a documented test login does (README, "Test logins"). */
public enum Behaviour {
  GOOD,
  MFA_CODE,
  MFA_METHOD_CHOICE,
  MFA_ACTION,
  SECURITY_QUESTION,
  SELECT,
  NO_DATA,
  DOWN,
  SLOW,
  EXPIRED,
  WEBHOOK,
  MALFORMED,
  SAMPLE;

  /** Logins whose first step is an MFA challenge, skipped from a trusted device. */
  public boolean asksMfa() {
    return this == MFA_CODE || this == MFA_METHOD_CHOICE || this == MFA_ACTION || this == SECURITY_QUESTION;
  }
}
