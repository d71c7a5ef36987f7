package dev.feedlink.webhook.support;

import dev.feedlink.testkit.IntegrationTest;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The dispatcher against the real Kafka and PostgreSQL, with the settings every webhook test
 * shares (one cached Spring context): loopback receivers allowed, short polls and timeouts, a
 * small inline limit for data webhooks.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@IntegrationTest(properties = {
  "feedlink.webhooks.allowed-networks=127.0.0.0/8",
  "feedlink.webhooks.poll-interval=50ms",
  "feedlink.webhooks.request-timeout=5s",
  "feedlink.webhooks.connect-timeout=2s",
  "feedlink.webhooks.inline-max-bytes=8KB",
  "feedlink.webhooks.response-body-limit=1KB",
  "feedlink.webhooks.public-base-url=https://api.feedlink.test",
  "feedlink.kafka.poll-timeout=100ms"
})
public @interface WebhookIntegrationTest {}
