package dev.feedlink.pipeline.provider.domain;

/**
 * One document as a provider served it, kept unchanged between Loading and Structuring.
 *
 * @param kind what the document is (e.g. {@code greenbutton-feed}, {@code cdr-transactions})
 * @param accountNumber the account it concerns, when it concerns one
 */
public record RawDocument(String kind, String accountNumber, byte[] content) {}
