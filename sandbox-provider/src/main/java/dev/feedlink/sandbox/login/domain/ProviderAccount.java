package dev.feedlink.sandbox.login.domain;

/** An account a login holds at a provider; {@code number} is what the provider's data calls it. */
public record ProviderAccount(String number, String name, AccountKind kind) {}
