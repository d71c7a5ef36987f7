package dev.feedlink.pipeline.data;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.ObjectMapper;

/** Provider data: storage, deliveries, and the data API's queries. */
@Configuration(proxyBeanMethods = false)
class DataConfiguration {

  @Bean
  ProviderDataStore providerDataStore(DatabaseClient db, ObjectMapper json) {
    return new ProviderDataStore(db, json);
  }

  @Bean
  DataQueries dataQueries(DatabaseClient db) {
    return new DataQueries(db);
  }

  @Bean
  Deliveries deliveries(DatabaseClient db, ProviderDataStore store) {
    return new Deliveries(db, store);
  }
}
