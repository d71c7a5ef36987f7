package dev.feedlink.pipeline.provider;

import dev.feedlink.platform.outbox.Outbox;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.ObjectMapper;

/** The connectors to the providers, and the catalogue announcing them. */
@Configuration(proxyBeanMethods = false)
class ConnectorConfiguration {

  @Bean
  ProviderHttp providerHttp(WebClient.Builder builder, ConnectorProperties properties) {
    return new ProviderHttp(builder, properties);
  }

  @Bean
  Connectors connectors(ProviderHttp http, ObjectMapper json, SandboxProperties sandbox) {
    String base = sandbox.baseUrl().toString().replaceAll("/+$", "");
    return new Connectors(List.of(
        new GreenButtonConnector(SandboxProviders.ENERGY, http, json, URI.create(base + "/utility")),
        new CdrBankingConnector(SandboxProviders.BANK, http, json, URI.create(base + "/bank"))));
  }

  @Bean
  ProviderCatalogPublisher providerCatalogPublisher(Connectors connectors, Outbox outbox, TransactionalOperator tx, Clock clock) {
    return new ProviderCatalogPublisher(connectors, outbox, tx, clock);
  }
}
