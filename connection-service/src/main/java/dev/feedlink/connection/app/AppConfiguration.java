package dev.feedlink.connection.app;

import dev.feedlink.connection.readcache.ChangeFeed;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

@Configuration(proxyBeanMethods = false)
class AppConfiguration {

  @Bean
  Apps apps(DatabaseClient db, TransactionalOperator tx, ChangeFeed changes) {
    return new R2dbcApps(db, tx, changes);
  }

  @Bean
  ApiTokens apiTokens() {
    return new ApiTokens();
  }
}
