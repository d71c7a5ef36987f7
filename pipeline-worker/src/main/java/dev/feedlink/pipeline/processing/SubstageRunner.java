package dev.feedlink.pipeline.processing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * Runs the Processing substages of a session on the stored data of its accounts and stores what
 * each finds. The session pipeline only knows this interface: the computations behind it are plain
 * Java in the analytics package.
 */
public interface SubstageRunner {

  /** The substages, in the order they run, by the names their status events carry. */
  List<String> substages();

  /**
   * Computes every substage, in order, for the accounts, reading what it needs without holding a
   * transaction (computations take a while); what it returns stores the results, in the caller's
   * transaction.
   */
  Mono<Results> run(UUID sessionId, UUID providerId, List<UUID> accountIds, Instant now);

  /** What a substage found, ready to store. */
  @FunctionalInterface
  interface Results {
    Mono<Void> store();
  }
}
