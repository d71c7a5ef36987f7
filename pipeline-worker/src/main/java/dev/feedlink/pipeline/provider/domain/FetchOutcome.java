package dev.feedlink.pipeline.provider.domain;

import java.util.List;

/** How a provider answered a request for data. */
public sealed interface FetchOutcome {

  record Fetched(List<RawDocument> documents) implements FetchOutcome {
    public Fetched {
      documents = List.copyOf(documents);
    }
  }

  /** The provider prepares the data and will call back (an aggregator that pushes). */
  record Pending(String message) implements FetchOutcome {}

  /** No answer in time, or a server error after retries: worth trying later. */
  record Unavailable(String message) implements FetchOutcome {}

  /** The provider refused (e.g. the token is no longer accepted). */
  record Refused(int status, String message) implements FetchOutcome {}

  /** The provider served a document that cannot be read. */
  record Malformed(String message) implements FetchOutcome {}
}
