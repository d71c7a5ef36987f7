package dev.feedlink.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.webhook.delivery.domain.AttemptOutcome;
import dev.feedlink.webhook.endpoint.domain.TargetAddresses;
import dev.feedlink.webhook.support.Receiver;
import dev.feedlink.webhook.support.Receiver.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HTTP stage against real receivers: guarded addresses, no redirects, capped reads, timeouts. */
class WebhookHttpClientTest {

  static final byte[] BODY = "{\"type\":\"test\"}".getBytes(StandardCharsets.UTF_8);

  static WebhookHttpClient client(List<String> allowed, Duration timeout) {
    return new WebhookHttpClient(new TargetAddresses(allowed), Duration.ofSeconds(2), timeout, 1024, Clock.systemUTC());
  }

  static AttemptOutcome post(WebhookHttpClient client, String url) {
    return client.post(url, Map.of("webhook-id", "msg_1"), BODY).block(Duration.ofSeconds(20));
  }

  @Test
  void aHostnameThatResolvesToLoopbackIsRefusedWhenConnecting() {
    try (Receiver receiver = Receiver.start(); WebhookHttpClient strict = client(List.of(), Duration.ofSeconds(5))) {
      AttemptOutcome outcome = post(strict, "http://localhost:" + receiver.port() + "/hooks");

      assertThat(outcome).isInstanceOf(AttemptOutcome.TargetRefused.class);
      assertThat(outcome.detail()).contains("localhost is refused");
      assertThat(receiver.received()).isEmpty();
    }
  }

  @Test
  void anInternalAddressLiteralIsRefusedBeforeAnyConnection() {
    try (Receiver receiver = Receiver.start(); WebhookHttpClient strict = client(List.of(), Duration.ofSeconds(5))) {
      assertThat(post(strict, receiver.url())).isInstanceOf(AttemptOutcome.TargetRefused.class);
      assertThat(post(strict, "http://169.254.169.254/latest/meta-data/")).isInstanceOf(AttemptOutcome.TargetRefused.class);
      assertThat(post(strict, "http://[::ffff:7f00:1]:" + receiver.port() + "/")).isInstanceOf(AttemptOutcome.TargetRefused.class);
      assertThat(receiver.received()).isEmpty();
    }
  }

  @Test
  void theAllowListLetsLoopbackThrough() {
    try (Receiver receiver = Receiver.start(); WebhookHttpClient local = client(List.of("127.0.0.0/8"), Duration.ofSeconds(5))) {
      assertThat(post(local, "http://localhost:" + receiver.port() + "/hooks")).isInstanceOf(AttemptOutcome.Delivered.class);
      assertThat(receiver.received()).hasSize(1);
      assertThat(receiver.received().get(0).header("webhook-id")).isEqualTo("msg_1");
    }
  }

  @Test
  void aRedirectIsAFailureAndIsNotFollowed() {
    try (Receiver target = Receiver.start();
        Receiver redirecting = Receiver.start().answering(r -> Reply.status(307, Map.of("Location", target.url()), ""));
        WebhookHttpClient local = client(List.of("127.0.0.0/8"), Duration.ofSeconds(5))) {
      AttemptOutcome outcome = post(local, redirecting.url());

      assertThat(outcome).isInstanceOf(AttemptOutcome.Rejected.class);
      assertThat(outcome.statusCode()).isEqualTo(307);
      assertThat(outcome.detail()).contains("not followed");
      assertThat(target.received()).isEmpty();
    }
  }

  @Test
  void onlyTheStartOfAHugeResponseBodyIsRead() {
    String huge = "x".repeat(1_000_000);
    try (Receiver receiver = Receiver.start().answering(r -> Reply.status(200, Map.of(), huge));
        WebhookHttpClient local = client(List.of("127.0.0.0/8"), Duration.ofSeconds(5))) {
      AttemptOutcome outcome = post(local, receiver.url());

      assertThat(outcome).isInstanceOf(AttemptOutcome.Delivered.class);
      assertThat(outcome.detail()).hasSize(1024);
    }
  }

  @Test
  void aReceiverThatNeverAnswersTimesOut() {
    try (Receiver receiver = Receiver.start().answering(r -> Reply.never());
        WebhookHttpClient local = client(List.of("127.0.0.0/8"), Duration.ofMillis(300))) {
      AttemptOutcome outcome = post(local, receiver.url());

      assertThat(outcome).isInstanceOf(AttemptOutcome.Unreachable.class);
      assertThat(outcome.detail()).contains("no response within 300 ms");
    }
  }

  @Test
  void aClosedPortIsUnreachable() {
    Receiver receiver = Receiver.start();
    receiver.close();
    try (WebhookHttpClient local = client(List.of("127.0.0.0/8"), Duration.ofSeconds(5))) {
      AttemptOutcome outcome = post(local, receiver.url());

      assertThat(outcome).isInstanceOf(AttemptOutcome.Unreachable.class);
      assertThat(outcome.detail()).contains("connection refused");
    }
  }

  @Test
  void aClosedOneDigitPortIsRefusedNotTakenForPartOfTheHost() {
    try (WebhookHttpClient local = client(List.of("127.0.0.0/8"), Duration.ofSeconds(5))) {
      AttemptOutcome outcome = post(local, "http://127.0.0.1:9/hooks");

      assertThat(outcome).isInstanceOf(AttemptOutcome.Unreachable.class);
      assertThat(outcome.detail()).contains("connection refused").doesNotContain("IPv6");
    }
  }
}
