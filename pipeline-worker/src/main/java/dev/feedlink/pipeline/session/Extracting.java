package dev.feedlink.pipeline.session;

import dev.feedlink.pipeline.data.Deliveries;
import dev.feedlink.pipeline.data.ProviderDataStore;
import dev.feedlink.pipeline.data.domain.AccountIds;
import dev.feedlink.pipeline.data.domain.Delivery;
import dev.feedlink.pipeline.processing.SubstageRunner;
import dev.feedlink.pipeline.provider.Connector;
import dev.feedlink.pipeline.provider.domain.DataType;
import dev.feedlink.pipeline.provider.domain.FetchOutcome;
import dev.feedlink.pipeline.provider.domain.FetchWindow;
import dev.feedlink.pipeline.provider.domain.LinkedAccount;
import dev.feedlink.pipeline.provider.domain.MalformedDocumentException;
import dev.feedlink.pipeline.provider.domain.ProviderData;
import dev.feedlink.pipeline.provider.domain.ProviderDescriptor;
import dev.feedlink.pipeline.session.domain.CallbackRechecks;
import dev.feedlink.pipeline.session.domain.Failure;
import dev.feedlink.pipeline.session.domain.FailureReason;
import dev.feedlink.pipeline.session.domain.FetchWindows;
import dev.feedlink.pipeline.session.domain.Kind;
import dev.feedlink.pipeline.session.domain.Step;
import dev.feedlink.schemas.SessionStatusCode;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * From Loading to Synced: fetch the documents (or wait for the provider's callback), keep them,
 * store their records idempotently, tell new from delivered, run the Processing substages, and
 * deliver what was never delivered before with Synced (19) in one transaction.
 */
final class Extracting {

  private final SessionCommits commits;
  private final Sessions sessions;
  private final Connections connections;
  private final ProviderDataStore store;
  private final Deliveries deliveries;
  private final SubstageRunner substages;
  private final Extractions extractions;
  private final Authorizing authorizing;
  private final PipelineProperties properties;

  Extracting(
      SessionCommits commits, Sessions sessions, Connections connections, ProviderDataStore store, Deliveries deliveries,
      SubstageRunner substages, Extractions extractions, Authorizing authorizing, PipelineProperties properties) {
    this.commits = commits;
    this.sessions = sessions;
    this.connections = connections;
    this.store = store;
    this.deliveries = deliveries;
    this.substages = substages;
    this.extractions = extractions;
    this.authorizing = authorizing;
    this.properties = properties;
  }

  // --- Loading ---------------------------------------------------------------------------------

  Mono<Session> load(Session s, Connector connector, String owner) {
    return window(s).flatMap(window -> connector
        .fetch(authorizing.access(s), s.progress().accounts(), fetchTypes(s, connector.descriptor()), window)
        .flatMap(outcome -> loaded(s.withWindow(window), connector, outcome, owner)));
  }

  /** A window the app asked for was fixed when the session was requested; other sessions work theirs out when loading starts. */
  private Mono<FetchWindow> window(Session s) {
    if (s.window() != null) {
      return Mono.just(s.window());
    }
    Instant now = commits.now();
    Mono<Optional<Instant>> newest = s.accountId() != null && s.kind().isBackground() && !s.dataTypes().isEmpty()
        ? store.latestDelivered(s.accountId(), s.dataTypes().get(0)).map(Optional::of).defaultIfEmpty(Optional.empty())
        : Mono.just(Optional.empty());
    return newest.map(n -> FetchWindows.of(
        s.kind(), now, properties.initialHistory(), properties.refreshOverlap(), null, null, n.orElse(null)));
  }

  /** A bank's accounts are always read: the other data is per account. */
  private static Set<DataType> fetchTypes(Session s, ProviderDescriptor provider) {
    Set<DataType> types = new LinkedHashSet<>(s.dataTypes());
    if (provider.dataTypes().contains(DataType.BANK_ACCOUNT)) {
      types.add(DataType.BANK_ACCOUNT);
    }
    return types;
  }

  private Mono<Session> loaded(Session s, Connector connector, FetchOutcome outcome, String owner) {
    Instant now = commits.now();
    if (outcome instanceof FetchOutcome.Fetched fetched) {
      try {
        connector.structure(fetched.documents());
      } catch (MalformedDocumentException e) {
        return commits.fail(s, owner, SessionStatusCode.LOADING_ERROR, Failure.of(FailureReason.MALFORMED_DATA, e.getMessage()));
      }
      Session next = s.next(Step.STRUCTURE, now).withStatus(SessionStatusCode.STRUCTURING, now);
      return commits.commit(s, next, owner, saved -> sessions.saveDocuments(s.sessionId(), fetched.documents())
          .then(commits.events().status(saved, SessionStatusCode.LOADED, now))
          .then(commits.events().status(saved, SessionStatusCode.STRUCTURING, now)));
    }
    if (outcome instanceof FetchOutcome.Pending) {
      Instant ask = now.plus(CallbackRechecks.after(s.progress().calledBackAt(), now, properties.callbackPollInterval()));
      if (s.status() == SessionStatusCode.WAITING_FOR_WEBHOOK) {
        return commits.commit(s, s.next(Step.AWAIT_CALLBACK, ask), owner, saved -> Mono.empty());
      }
      Session next = s.next(Step.AWAIT_CALLBACK, ask).withStatus(SessionStatusCode.WAITING_FOR_WEBHOOK, now);
      return commits.commit(s, next, owner, saved -> commits.events().status(saved, SessionStatusCode.WAITING_FOR_WEBHOOK, now));
    }
    if (outcome instanceof FetchOutcome.Unavailable unavailable) {
      return commits.fail(s, owner, SessionStatusCode.LOADING_ERROR, Failure.retryable(FailureReason.PROVIDER_UNAVAILABLE, unavailable.message()));
    }
    if (outcome instanceof FetchOutcome.Malformed malformed) {
      return commits.fail(s, owner, SessionStatusCode.LOADING_ERROR, Failure.of(FailureReason.MALFORMED_DATA, malformed.message()));
    }
    FetchOutcome.Refused refused = (FetchOutcome.Refused) outcome;
    return commits.fail(s, owner, SessionStatusCode.LOADING_ERROR, Failure.retryable(FailureReason.PROVIDER_ERROR, refused.message()));
  }

  // --- Structuring -----------------------------------------------------------------------------

  Mono<Session> structure(Session s, Connector connector, String owner) {
    Instant now = commits.now();
    List<String> numbers = s.progress().accounts().stream().map(LinkedAccount::accountNumber).toList();
    return sessions.documents(s.sessionId()).flatMap(documents -> {
      ProviderData data = connector.structure(documents);
      Mono<Session> after = store.store(s.connectionId(), s.appId(), s.providerId(), data, numbers, now)
          .map(stored -> s.withProgress(s.progress().structured(stored.dataFound(), stored.records(), stored.newlyStored()))
              .next(Step.DEDUPLICATE, now)
              .withStatus(SessionStatusCode.DEDUPLICATION, now));
      return commits.commit(s, after, owner, saved -> commits.events()
          .status(saved, SessionStatusCode.STRUCTURED, now, e -> e.setDataFound(saved.progress().dataFound()))
          .then(commits.events().status(saved, SessionStatusCode.DEDUPLICATION, now, e -> e.setDataFound(saved.progress().dataFound()))));
    });
  }

  // --- Deduplication ---------------------------------------------------------------------------

  /**
   * A fetched record already stored was skipped on its natural key while structuring, and what is
   * new to the app is decided against the watermarks when delivering, in the commit that publishes
   * it; this step ends the stage and announces Processing's first substage.
   */
  Mono<Session> deduplicate(Session s, String owner) {
    Instant now = commits.now();
    Session next = s.withProgress(s.progress().atSubstage(0)).next(Step.PROCESS, now).withStatus(SessionStatusCode.PROCESSING, now);
    return commits.commit(s, next, owner, saved -> commits.events().status(saved, SessionStatusCode.PROCESSING, now, e -> e
        .setSubstage(substages.substages().get(0))
        .setDataFound(s.progress().dataFound())));
  }

  // --- Processing, then Synced ----------------------------------------------------------------

  /**
   * The substages run in order on the accounts' stored data (the first was announced when
   * Deduplication ended); their results, the announcements of the others, Processed, the delivery
   * and Synced are one commit.
   */
  Mono<Session> process(Session s, ProviderDescriptor provider, String owner) {
    Instant now = commits.now();
    List<String> names = substages.substages();
    List<UUID> accounts = targets(s).stream().map(a -> AccountIds.of(s.connectionId(), a.accountNumber())).toList();
    Boolean found = s.progress().dataFound();
    // Computed before the transaction (it takes a while); only storing the results is inside it.
    return substages.run(s.sessionId(), s.providerId(), accounts, now).flatMap(results -> {
      Session done = s.withProgress(s.progress().atSubstage(names.size())).next(Step.DONE, null).withStatus(SessionStatusCode.SYNCED, now);
      return commits.commit(s, done, owner, saved -> results.store()
          .thenMany(Flux.fromIterable(names.subList(1, names.size()))
              .concatMap(name -> commits.events().status(saved, SessionStatusCode.PROCESSING, now, e -> e.setSubstage(name).setDataFound(found))))
          .then(commits.events().status(saved, SessionStatusCode.PROCESSED, now, e -> e.setDataFound(found)))
          .then(deliver(saved, provider, now))
          .then(sessions.dropDocuments(s.sessionId())));
    });
  }

  /** The accounts this session delivers for: a refresh job's account, else every account linked. */
  private static List<LinkedAccount> targets(Session s) {
    if (s.accountId() == null) {
      return s.progress().accounts();
    }
    return s.progress().accounts().stream()
        .filter(a -> AccountIds.of(s.connectionId(), a.accountNumber()).equals(s.accountId()))
        .toList();
  }

  private Mono<Void> deliver(Session s, ProviderDescriptor provider, Instant now) {
    List<LinkedAccount> accounts = targets(s);
    FetchWindow rewind = s.kind() == Kind.REWIND ? s.window() : null;
    List<DataType> types = s.dataTypes().stream().filter(DataType::isDelivered).toList();
    return connections.find(s.connectionId()).map(c -> Optional.ofNullable(c.username())).defaultIfEmpty(Optional.empty())
        .flatMap(username -> Flux.fromIterable(types)
            .concatMap(type -> store.targets(s.connectionId(), accounts, type)
                .flatMap(targets -> deliveries.deliver(s.sessionId(), type, targets, rewind, properties.inlineMaxRecords(), now)))
            .collectList()
            .flatMap(delivered -> publish(s, provider, username.orElse(null), delivered, now)));
  }

  private Mono<Void> publish(Session s, ProviderDescriptor provider, String username, List<Delivery> delivered, Instant now) {
    long newRecords = delivered.stream().mapToLong(Delivery::newRecords).sum();
    List<Delivery> withRecords = delivered.stream().filter(d -> d.total() > 0).toList();
    Mono<Void> outcomes = withRecords.isEmpty()
        ? commits.accountIds(s).flatMap(ids -> commits.events().noNewData(s, ids,
            s.dataTypes().size() == 1 ? s.dataTypes().get(0).wireName() : null, now, now))
        : Flux.fromIterable(withRecords)
            .concatMap(d -> commits.events().dataAvailable(s, d, provider, username, dataLink(s, d), now))
            .then();
    return extractions.record(s.connectionId(), s.dataTypes(), true, s.sessionId(), now)
        .flatMap(states -> commits.events().status(s, SessionStatusCode.SYNCED, now, e -> e
            .setDataFound(s.progress().dataFound())
            .setNewRecords(newRecords)
            .setExtraction(states)
            .setAccounts(SessionEvents.refs(s.connectionId(), s.progress().accounts()))))
        .then(outcomes);
  }

  private String dataLink(Session s, Delivery d) {
    String base = properties.publicBaseUrl().toString();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
        + "/data/sessions/" + s.sessionId() + "/" + d.dataType().wireName();
  }
}
