package dev.feedlink.pipeline.session;

import dev.feedlink.pipeline.data.Deliveries;
import dev.feedlink.pipeline.data.ProviderDataStore;
import dev.feedlink.pipeline.processing.SubstageRunner;
import dev.feedlink.pipeline.provider.Connectors;
import dev.feedlink.platform.PlatformProperties;
import dev.feedlink.platform.crypto.SecretCipher;
import dev.feedlink.platform.kafka.EventSubscription;
import dev.feedlink.platform.outbox.Outbox;
import dev.feedlink.platform.web.InternalCallerFilter;
import dev.feedlink.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.ObjectMapper;

/** The session pipeline: its stores, steps, runner, watchdog, and the consumers that start sessions. */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

  @Bean
  Sessions sessions(DatabaseClient db, ObjectMapper json) {
    return new Sessions(db, json);
  }

  @Bean
  Connections connections(DatabaseClient db, SecretCipher cipher) {
    return new Connections(db, cipher);
  }

  @Bean
  SessionEvents sessionEvents(Outbox outbox) {
    return new SessionEvents(outbox);
  }

  @Bean
  Extractions extractions(DatabaseClient db) {
    return new Extractions(db);
  }

  @Bean
  SessionCommits sessionCommits(
      Sessions sessions, SessionEvents events, Extractions extractions, ProviderDataStore store, TransactionalOperator tx, Clock clock,
      PipelineProperties properties) {
    return new SessionCommits(sessions, events, extractions, store, tx, clock, properties);
  }

  @Bean
  CallbackUrls callbackUrls(PipelineProperties properties, Environment environment) {
    return new CallbackUrls(properties, environment);
  }

  @Bean
  SessionSteps sessionSteps(
      Connectors connectors, SessionCommits commits, Sessions sessions, Connections connections, ProviderDataStore store,
      Deliveries deliveries, SubstageRunner substages, Extractions extractions, SecretCipher cipher, ObjectMapper json,
      PipelineProperties properties, CallbackUrls callbacks, Clock clock, MeterRegistry meters) {
    Authorizing authorizing = new Authorizing(commits, connections, store, cipher, json, properties, callbacks);
    Extracting extracting = new Extracting(commits, sessions, connections, store, deliveries, substages, extractions, authorizing, properties);
    return new SessionSteps(connectors, authorizing, extracting, commits, sessions, clock, meters);
  }

  @Bean
  SessionRunner sessionRunner(Sessions sessions, SessionSteps steps, Clock clock, PipelineProperties properties, Environment environment) {
    return new SessionRunner(sessions, steps, clock, properties, owner(environment), properties.releaseOnStop());
  }

  /** Names this instance in the leases it takes: host, service, and a random part per start. */
  private static String owner(Environment environment) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "unknown-host";
    }
    return environment.getProperty("spring.application.name", "pipeline-worker") + "@" + host + "#"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  @Bean
  Watchdog watchdog(Sessions sessions, SessionCommits commits, Clock clock, PipelineProperties properties) {
    return new Watchdog(sessions, commits, clock, properties);
  }

  @Bean
  SessionRequests sessionRequests(
      Sessions sessions, Connections connections, Connectors connectors, SessionCommits commits, SecretCipher cipher, ObjectMapper json,
      Clock clock, PipelineProperties properties, SessionRunner runner) {
    return new SessionRequests(sessions, connections, connectors, commits, cipher, json, clock, properties, runner::wake);
  }

  @Bean
  EventSubscription sessionCommandsSubscription(SessionRequests requests) {
    return EventSubscription.perEvent("sessions", List.of(Topics.SESSION_COMMANDS), requests::onCommand).withConcurrency(2);
  }

  @Bean
  EventSubscription refreshJobsSubscription(SessionRequests requests) {
    return EventSubscription.perEvent("refresh-jobs", List.of(Topics.REFRESH_JOBS), requests::onRefreshJob).withConcurrency(2);
  }

  @Bean
  GatewayOrProviderFilter gatewayOrProviderFilter(PlatformProperties platform) {
    return new GatewayOrProviderFilter(new InternalCallerFilter(platform.requiredInternalToken()));
  }
}
