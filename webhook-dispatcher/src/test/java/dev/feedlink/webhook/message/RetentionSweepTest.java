package dev.feedlink.webhook.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.webhook.support.Receiver;
import dev.feedlink.webhook.support.Receiver.Reply;
import dev.feedlink.webhook.support.WebhookApi;
import dev.feedlink.webhook.support.WebhookIntegrationTest;
import dev.feedlink.webhook.support.WebhookTestSupport;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

@WebhookIntegrationTest
class RetentionSweepTest extends WebhookTestSupport {

  @Autowired RetentionSweep sweep;

  @Test
  void messagesPastTheRetentionPeriodGoUnlessStillPending() {
    try (Receiver done = Receiver.start(); Receiver stuck = Receiver.start().answering(r -> Reply.status(500))) {
      WebhookApi delivered = newApp();
      delivered.createEndpoint(done.url());
      WebhookApi pending = newApp();
      pending.createEndpoint(stuck.url(), "ordered", true);
      publishStatus(delivered.appId(), newConnection());
      publishStatus(pending.appId(), newConnection());
      String deliveredId = awaitReceived(done, 1).get(0).webhookId();
      String pendingId = awaitReceived(stuck, 1).get(0).webhookId();
      eventually().until(() -> delivered.get("/webhooks/messages/" + deliveredId).path("status").asString().equals("delivered"));

      clock().advance(Duration.ofDays(31));
      sweep.sweep().block();

      delivered.call(HttpMethod.GET, "/webhooks/messages/" + deliveredId, null).expectStatus().isNotFound();
      pending.call(HttpMethod.GET, "/webhooks/messages/" + pendingId, null).expectStatus().isOk();
    }
  }
}
