package dev.feedlink.pipeline.session.domain;

/** What a session does next. */
public enum Step {
  /** Log in at the provider with the credentials held. */
  LOGIN,
  /** Send the user's answer to the provider's question. */
  SUBMIT_ANSWER,
  /** Wait for the user's answer until the prompt expires. */
  AWAIT_INPUT,
  /** Fetch the documents. */
  LOAD,
  /** Wait for the provider's callback (asking again now and then). */
  AWAIT_CALLBACK,
  /** Parse the documents and store the records. */
  STRUCTURE,
  /** Tell new records from those delivered before. */
  DEDUPLICATE,
  /** Run the processing substages, then deliver. */
  PROCESS,
  /** Nothing more: the session ended. */
  DONE;

  /** Steps that wait for something outside (the user, a provider's callback) rather than run now. */
  public boolean waits() {
    return this == AWAIT_INPUT || this == AWAIT_CALLBACK;
  }
}
