package dev.feedlink.scheduler.firing;

import dev.feedlink.platform.outbox.OutboxRelay;
import dev.feedlink.scheduler.SchedulerProperties;
import dev.feedlink.scheduler.events.OutgoingEvents;
import dev.feedlink.scheduler.schedule.StreamAccounts;
import dev.feedlink.scheduler.schedule.StreamScheduling;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

@Configuration(proxyBeanMethods = false)
class FiringConfiguration {

  @Bean
  Firing firing(
      DatabaseClient db,
      Serializer<SpecificRecord> eventSerializer,
      StreamAccounts accounts,
      StreamScheduling scheduling,
      OutgoingEvents events,
      TransactionalOperator tx,
      OutboxRelay relay,
      Clock clock,
      SchedulerProperties properties,
      MeterRegistry meters) {
    return new Firing(
        new DueSchedules(db), new OutboxBatch(db, eventSerializer), accounts, scheduling, events, tx, relay, clock,
        properties.batchSize(), properties.inFlightTimeout(), meters);
  }

  @Bean
  FiringLoop firingLoop(Firing firing, Clock clock, SchedulerProperties properties) {
    return new FiringLoop(firing, clock, properties.pollInterval(), properties.batchSize(), properties.firingThreads(), properties.firingEnabled());
  }
}
