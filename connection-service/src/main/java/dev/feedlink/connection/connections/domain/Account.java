package dev.feedlink.connection.connections.domain;

/** An account at the provider (a seed-000 entity); {@code accountId} is stable across sessions. */
public record Account(String accountId, String accountNumber, String name, String kind) {}
