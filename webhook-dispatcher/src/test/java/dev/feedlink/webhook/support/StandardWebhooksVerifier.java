package dev.feedlink.webhook.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check of a webhook, written from the Standard Webhooks specification alone (the
 * README's verification snippet, kept independent of the dispatcher's signing code so that a
 * mistake there cannot hide itself): HMAC-SHA256 of {@code id.timestamp.body} with the base64 key
 * after {@code whsec_}, compared in constant time with each space-separated {@code v1,} signature,
 * and the timestamp within a tolerance of the receiver's clock.
 */
public final class StandardWebhooksVerifier {

  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private final byte[] key;

  public StandardWebhooksVerifier(String secret) {
    String base64 = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
    this.key = Base64.getDecoder().decode(base64);
  }

  /** Throws unless the request is authentic and fresh at {@code now}. */
  public void verify(String id, String timestamp, String signatures, byte[] body, Instant now) {
    if (id == null || timestamp == null || signatures == null) {
      throw new IllegalArgumentException("missing webhook-id, webhook-timestamp or webhook-signature");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("webhook-timestamp is not a number");
    }
    if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
      throw new IllegalArgumentException("webhook-timestamp is outside the tolerance");
    }
    byte[] expected;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      expected = mac.doFinal(body); // the raw body as received, never re-serialized
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    for (String candidate : signatures.split(" ")) { // several while a secret is being rotated
      if (!candidate.startsWith("v1,")) {
        continue;
      }
      byte[] presented;
      try {
        presented = Base64.getDecoder().decode(candidate.substring(3));
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (MessageDigest.isEqual(expected, presented)) {
        return;
      }
    }
    throw new IllegalArgumentException("no signature matches");
  }

  public boolean verifies(String id, String timestamp, String signatures, byte[] body, Instant now) {
    try {
      verify(id, timestamp, signatures, body, now);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
