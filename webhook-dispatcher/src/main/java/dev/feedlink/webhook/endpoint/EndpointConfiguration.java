package dev.feedlink.webhook.endpoint;

import dev.feedlink.platform.crypto.SecretCipher;
import dev.feedlink.webhook.WebhookProperties;
import dev.feedlink.webhook.endpoint.domain.TargetAddresses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

@Configuration(proxyBeanMethods = false)
class EndpointConfiguration {

  @Bean
  Endpoints endpoints(DatabaseClient db, TransactionalOperator tx) {
    return new R2dbcEndpoints(db, tx);
  }

  @Bean
  EndpointSecrets endpointSecrets(SecretCipher cipher) {
    return new EndpointSecrets(cipher);
  }

  @Bean
  TargetAddresses targetAddresses(WebhookProperties properties) {
    return new TargetAddresses(properties.allowedNetworks());
  }

  @Bean
  TargetCheck targetCheck(TargetAddresses addresses) {
    return new TargetCheck(addresses);
  }
}
