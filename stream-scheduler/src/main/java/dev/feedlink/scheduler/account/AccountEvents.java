package dev.feedlink.scheduler.account;

import static dev.feedlink.scheduler.events.EventIds.uuid;

import dev.feedlink.events.AccountRef;
import dev.feedlink.events.AccountsLinked;
import dev.feedlink.events.ConnectionLifecycleChanged;
import dev.feedlink.events.SessionStatusChanged;
import dev.feedlink.platform.kafka.EventEnvelope;
import dev.feedlink.scheduler.attempt.RefreshOutcomes;
import dev.feedlink.scheduler.events.OutgoingEvents;
import dev.feedlink.scheduler.schedule.StreamAccounts;
import dev.feedlink.scheduler.schedule.StreamAccounts.LinkedAccount;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * What the scheduler learns about connections and their accounts: accounts and their app from
 * AccountsLinked (tenancy), Stream enablement, new credentials and disconnection from
 * ConnectionLifecycleChanged, and from session transitions that a login worked again (9 Authorized:
 * credential backoff ends) or that the connection is gone (26 Disconnected).
 */
public final class AccountEvents {

  private static final int AUTHORIZED = 9;
  private static final int DISCONNECTED = 26;

  private final StreamAccounts accounts;
  private final OutgoingEvents events;
  private final RefreshOutcomes outcomes;
  private final Clock clock;

  public AccountEvents(StreamAccounts accounts, OutgoingEvents events, RefreshOutcomes outcomes, Clock clock) {
    this.accounts = accounts;
    this.events = events;
    this.outcomes = outcomes;
    this.clock = clock;
  }

  public Mono<Void> handle(EventEnvelope envelope) {
    Object event = envelope.event();
    if (event instanceof AccountsLinked e) {
      List<LinkedAccount> linked = e.getAccounts().stream().map(AccountEvents::linked).toList();
      return accounts.link(uuid(e.getAppId()), uuid(e.getConnectionId()), linked, clock.instant());
    }
    if (event instanceof ConnectionLifecycleChanged e) {
      return lifecycle(e);
    }
    if (event instanceof SessionStatusChanged e) {
      if (e.getCode() == AUTHORIZED) {
        return resume(uuid(e.getConnectionId()));
      }
      if (e.getCode() == DISCONNECTED) {
        return disconnect(uuid(e.getConnectionId()), uuid(e.getAppId()));
      }
      return outcomes.sessionEnded(e);
    }
    return Mono.empty();
  }

  private Mono<Void> lifecycle(ConnectionLifecycleChanged e) {
    UUID connection = uuid(e.getConnectionId());
    UUID app = uuid(e.getAppId());
    return switch (e.getChange()) {
      case CREATED -> accounts.connectionCreated(connection, app, e.getStreamEnabled());
      case REPAIRED -> accounts.connectionDisconnected(connection, app, null);
      case CREDENTIALS_UPDATED -> resume(connection);
      case DISCONNECTED -> disconnect(connection, app);
      default -> Mono.empty();
    };
  }

  /** Credentials work again (updated, or a login succeeded): backed-off schedules run from now. */
  private Mono<Void> resume(UUID connection) {
    Instant now = clock.instant();
    return accounts.lockConnection(connection)
        .filter(a -> a.credentialFailures() > 0 || a.paused())
        .concatMap(a -> accounts.update(a.resumed(now), now))
        .then();
  }

  /** The connection is gone: its streams stop. */
  private Mono<Void> disconnect(UUID connection, UUID app) {
    Instant now = clock.instant();
    return accounts.connectionDisconnected(connection, app, now)
        .thenMany(accounts.lockConnection(connection))
        .filter(a -> a.active())
        .concatMap(a -> {
          var inactive = a.deactivated(false);
          Mono<Void> announce = a.scheduleType() != null ? events.publishScheduleChanged(inactive, "inactive", now) : Mono.empty();
          return accounts.update(inactive, now).then(announce);
        })
        .then();
  }

  private static LinkedAccount linked(AccountRef ref) {
    return new LinkedAccount(uuid(ref.getAccountId()), ref.getAccountNumber(), List.copyOf(ref.getDataTypes()));
  }
}
