package dev.feedlink.connection;

import dev.feedlink.platform.FeedlinkService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
@FeedlinkService("connection-service")
public class ConnectionServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(ConnectionServiceApplication.class, args);
  }
}
