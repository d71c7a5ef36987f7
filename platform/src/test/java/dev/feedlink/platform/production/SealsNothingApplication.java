package dev.feedlink.platform.production;

import dev.feedlink.platform.FeedlinkService;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A service on the platform that neither seals secrets nor consumes events. */
@SpringBootApplication
@FeedlinkService("platform-test")
public class SealsNothingApplication {}
