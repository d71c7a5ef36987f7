package dev.feedlink.scheduler.schedule;

import dev.feedlink.scheduler.attempt.domain.Attempt;
import dev.feedlink.scheduler.schedule.domain.StreamAccount;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The accounts' Stream state and their attempts. Reads that lock do so until the caller's transaction ends. */
public interface StreamAccounts {

  /** An account the scheduler learned from AccountsLinked. */
  record LinkedAccount(UUID accountId, String accountNumber, List<String> dataTypes) {}

  /**
   * Records a connection's accounts. New accounts start with Stream on and no schedule, unless the
   * connection was created with Stream disabled or is disconnected; known ones keep their state.
   */
  Mono<Void> link(UUID appId, UUID connectionId, List<LinkedAccount> accounts, Instant now);

  /** The ids of the app's accounts whose id or, failing that, account number is {@code reference}. */
  Flux<UUID> resolve(UUID appId, String reference);

  Mono<StreamAccount> find(UUID accountId);

  Mono<StreamAccount> lock(UUID accountId);

  /** The connection's accounts, locked. */
  Flux<StreamAccount> lockConnection(UUID connectionId);

  /** The connection's accounts whose refresh in flight is {@code jobId}, locked. */
  Flux<StreamAccount> lockByJob(UUID connectionId, UUID jobId);

  /** The listed accounts that are known, locked. */
  Flux<StreamAccount> lockAll(List<UUID> accountIds);

  Mono<Void> update(StreamAccount account, Instant now);

  Mono<Attempt> attempt(UUID jobId);

  /** Inserts the attempt, or replaces the one of the same job. */
  Mono<Void> saveAttempt(Attempt attempt);

  /** Records the connection's app and whether Stream is enabled for it. */
  Mono<Void> connectionCreated(UUID connectionId, UUID appId, boolean streamEnabled);

  /** Marks the connection disconnected (or connected again when {@code at} is null). */
  Mono<Void> connectionDisconnected(UUID connectionId, UUID appId, Instant at);

  /** Whether the connection has been disconnected. */
  Mono<Boolean> isDisconnected(UUID connectionId);
}
