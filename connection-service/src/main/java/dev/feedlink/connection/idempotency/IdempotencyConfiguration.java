package dev.feedlink.connection.idempotency;

import dev.feedlink.platform.crypto.SecretCipher;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

  @Bean
  IdempotentRequests idempotentRequests(
      DatabaseClient db, TransactionalOperator tx, SecretCipher cipher, JsonMapper json, Clock clock) {
    return new IdempotentRequests(db, tx, cipher, json, clock);
  }
}
