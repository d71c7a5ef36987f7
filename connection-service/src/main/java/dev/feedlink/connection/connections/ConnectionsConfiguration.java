package dev.feedlink.connection.connections;

import dev.feedlink.connection.app.ApiTokens;
import dev.feedlink.connection.provider.Providers;
import dev.feedlink.connection.readcache.ChangeFeed;
import dev.feedlink.platform.crypto.SecretCipher;
import dev.feedlink.platform.kafka.EventSubscription;
import dev.feedlink.platform.outbox.Outbox;
import dev.feedlink.schemas.Topics;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ConnectionsConfiguration {

  @Bean
  Connections connections(DatabaseClient db, JsonMapper json, ChangeFeed changes) {
    return new R2dbcConnections(db, json, changes);
  }

  @Bean
  SessionHistory sessionHistory(DatabaseClient db, JsonMapper json) {
    return new R2dbcSessionHistory(db, json);
  }

  @Bean
  ConnectionEvents connectionEvents(Outbox outbox) {
    return new ConnectionEvents(outbox);
  }

  @Bean
  RequestingSessions requestingSessions(Connections connections, SessionHistory history, ConnectionEvents events) {
    return new RequestingSessions(connections, history, events);
  }

  @Bean
  Linking linking(
      Connections connections,
      SessionHistory history,
      Providers providers,
      ConnectionEvents events,
      RequestingSessions sessions,
      SecretCipher cipher,
      ApiTokens tokens,
      JsonMapper json,
      TransactionalOperator tx,
      Clock clock) {
    return new Linking(connections, history, providers, events, sessions, cipher, tokens, json, tx, clock);
  }

  @Bean
  Rewinding rewinding(
      Connections connections,
      SessionHistory history,
      Providers providers,
      RequestingSessions sessions,
      TransactionalOperator tx,
      Clock clock) {
    return new Rewinding(connections, history, providers, sessions, tx, clock);
  }

  @Bean
  Disconnecting disconnecting(
      Connections connections, SessionHistory history, ConnectionEvents events, TransactionalOperator tx, Clock clock) {
    return new Disconnecting(connections, history, events, tx, clock);
  }

  @Bean
  Answering answering(
      Connections connections, ConnectionEvents events, SecretCipher cipher, TransactionalOperator tx, Clock clock) {
    return new Answering(connections, events, cipher, tx, clock);
  }

  @Bean
  ProjectingSessions projectingSessions(
      Connections connections, SessionHistory history, ConnectionEvents events, ConnectionProperties properties, Clock clock) {
    return new ProjectingSessions(connections, history, events, properties.promptTimeout(), clock);
  }

  /** What the pipeline reports about sessions and their data, per connection in order. */
  @Bean
  EventSubscription sessionProjection(ProjectingSessions projecting) {
    return EventSubscription.perEvent(
        "session-projection", List.of(Topics.SESSION_STATUS, Topics.DATA_OUTCOMES), projecting::handle);
  }
}
