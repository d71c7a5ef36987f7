package dev.feedlink.pipeline.session.domain;

/** Why a session failed, or why the user is asked again (the events' FailureReason). */
public enum FailureReason {
  INVALID_CREDENTIALS,
  MFA_CODE_INVALID,
  SECURITY_ANSWER_INVALID,
  MFA_CODE_TIMEOUT,
  SECURITY_ANSWER_TIMEOUT,
  MFA_ACTION_TIMEOUT,
  ACCOUNT_SELECTION_TIMEOUT,
  PROVIDER_UNAVAILABLE,
  PROVIDER_ERROR,
  MALFORMED_DATA,
  CONSENT_EXPIRED,
  STALLED,
  INTERNAL_ERROR,
  USER_DISCONNECTED
}
