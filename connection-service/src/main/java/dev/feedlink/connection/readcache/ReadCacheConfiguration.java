package dev.feedlink.connection.readcache;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;

@Configuration(proxyBeanMethods = false)
class ReadCacheConfiguration {

  @Bean
  ChangeFeed changeFeed(DatabaseClient db, Environment environment) {
    return new ChangeFeed(
        db,
        environment.getRequiredProperty("spring.r2dbc.url"),
        environment.getProperty("spring.r2dbc.username"),
        environment.getProperty("spring.r2dbc.password"));
  }
}
