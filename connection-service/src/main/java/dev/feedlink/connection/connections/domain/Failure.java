package dev.feedlink.connection.connections.domain;

/** A session's failure as reported with a transition. */
public record Failure(FailureReason reason, String message, boolean retryable) {}
