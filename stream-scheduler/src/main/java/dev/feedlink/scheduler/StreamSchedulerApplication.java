package dev.feedlink.scheduler;

import dev.feedlink.platform.FeedlinkService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
@FeedlinkService("stream-scheduler")
public class StreamSchedulerApplication {

  public static void main(String[] args) {
    SpringApplication.run(StreamSchedulerApplication.class, args);
  }
}
