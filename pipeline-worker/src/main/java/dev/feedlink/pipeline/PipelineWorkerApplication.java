package dev.feedlink.pipeline;

import dev.feedlink.platform.FeedlinkService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
@FeedlinkService("pipeline-worker")
public class PipelineWorkerApplication {

  public static void main(String[] args) {
    SpringApplication.run(PipelineWorkerApplication.class, args);
  }
}
