package dev.feedlink.connection.app;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

@Configuration(proxyBeanMethods = false)
class AppConfiguration {

  @Bean
  Apps apps(DatabaseClient db, TransactionalOperator tx) {
    return new R2dbcApps(db, tx);
  }

  @Bean
  ApiTokens apiTokens() {
    return new ApiTokens();
  }
}
