package dev.feedlink.webhook.delivery.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks symmetric signature: {@code v1,} + base64 of HMAC-SHA256 over
 * {@code <webhook-id>.<webhook-timestamp>.<body>}. During a secret rotation every active key signs,
 * and the {@code webhook-signature} header lists the signatures separated by spaces; a receiver
 * accepts the request when any of them verifies with the secret it holds.
 */
public final class WebhookSignature {

  public static final String VERSION = "v1";
  private static final String ALGORITHM = "HmacSHA256";
  /** One per thread: looking the algorithm up costs more than the signing itself. */
  private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance(ALGORITHM);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  });

  private WebhookSignature() {}

  /** One signature, e.g. {@code v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=}. */
  public static String sign(String webhookId, long timestampSeconds, byte[] body, byte[] key) {
    if (webhookId.indexOf('.') >= 0) {
      // The id is a delimiter-separated part of the signed content; a dot would make it ambiguous.
      throw new IllegalArgumentException("a webhook id must not contain '.'");
    }
    try {
      Mac mac = MACS.get();
      mac.init(new SecretKeySpec(key, ALGORITHM));
      mac.update((webhookId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return VERSION + "," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** The {@code webhook-signature} header value: one signature per key, newest key first. */
  public static String header(String webhookId, long timestampSeconds, byte[] body, List<byte[]> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one signing key is needed");
    }
    StringJoiner header = new StringJoiner(" ");
    for (byte[] key : keys) {
      header.add(sign(webhookId, timestampSeconds, body, key));
    }
    return header.toString();
  }
}
