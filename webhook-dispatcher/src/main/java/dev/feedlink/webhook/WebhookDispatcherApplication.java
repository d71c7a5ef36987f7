package dev.feedlink.webhook;

import dev.feedlink.platform.FeedlinkService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
@FeedlinkService("webhook-dispatcher")
public class WebhookDispatcherApplication {

  public static void main(String[] args) {
    SpringApplication.run(WebhookDispatcherApplication.class, args);
  }
}
