package dev.feedlink.pipeline.processing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/** The Processing substages and their stored results. */
@Configuration(proxyBeanMethods = false)
class ProcessingConfiguration {

  @Bean
  ProcessingResults processingResults(DatabaseClient db) {
    // Reports are stored as the data API serves them: snake_case like the rest of the REST API.
    // Local times keep their own offset (a report's peak hour is local), as the analytics reports intend.
    return new ProcessingResults(db, JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .build());
  }

  @Bean
  SubstageRunner substageRunner(DatabaseClient db, ProcessingResults results) {
    return new AnalyticsSubstages(db, results);
  }
}
