package dev.feedlink.webhook.endpoint.domain;

import java.util.Locale;

/** Why an endpoint stopped receiving webhooks. */
public enum DisableReason {
  /** The app disabled it through the API. */
  MANUAL,
  /** It answered 410 Gone: the receiver asked us to stop. */
  GONE,
  /** No attempt to it succeeded for the configured period. */
  FAILING;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DisableReason fromWire(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
