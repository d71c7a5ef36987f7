package dev.feedlink.scheduler;

import dev.feedlink.platform.kafka.EventSubscription;
import dev.feedlink.platform.outbox.Outbox;
import dev.feedlink.scheduler.account.AccountEvents;
import dev.feedlink.scheduler.attempt.RefreshOutcomes;
import dev.feedlink.scheduler.events.OutgoingEvents;
import dev.feedlink.scheduler.schedule.R2dbcStreamAccounts;
import dev.feedlink.scheduler.schedule.StreamAccounts;
import dev.feedlink.scheduler.schedule.StreamScheduling;
import dev.feedlink.schemas.Topics;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/** The Stream state, the API's use cases and what the scheduler consumes. */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {

  @Bean
  StreamAccounts streamAccounts(DatabaseClient db) {
    return new R2dbcStreamAccounts(db);
  }

  @Bean
  OutgoingEvents outgoingEvents(Outbox outbox) {
    return new OutgoingEvents(outbox);
  }

  @Bean
  StreamScheduling streamScheduling(
      StreamAccounts accounts, OutgoingEvents events, TransactionalOperator tx, Clock clock, SchedulerProperties properties) {
    return new StreamScheduling(
        accounts, events, tx, clock, properties.credentialBackoff().policy(), properties.inFlightTimeout());
  }

  @Bean
  RefreshOutcomes refreshOutcomes(StreamAccounts accounts, OutgoingEvents events, Clock clock, SchedulerProperties properties) {
    return new RefreshOutcomes(accounts, events, properties.credentialBackoff().policy(), clock);
  }

  @Bean
  AccountEvents accountEvents(StreamAccounts accounts, OutgoingEvents events, RefreshOutcomes outcomes, Clock clock) {
    return new AccountEvents(accounts, events, outcomes, clock);
  }

  /** Accounts, lifecycle and session transitions; in order per connection within each topic. */
  @Bean
  EventSubscription connectionsAndSessions(AccountEvents accountEvents) {
    return EventSubscription.perEvent(
            "accounts", List.of(Topics.CONNECTION_EVENTS, Topics.SESSION_STATUS), accountEvents::handle)
        .withConcurrency(2);
  }

  @Bean
  EventSubscription refreshOutcomesSubscription(RefreshOutcomes outcomes) {
    return EventSubscription.perEvent("outcomes", List.of(Topics.DATA_OUTCOMES), outcomes::handle).withConcurrency(2);
  }
}
