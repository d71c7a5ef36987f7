package dev.feedlink.webhook.endpoint.domain;

import java.util.Locale;

/** Whether an endpoint receives webhooks. */
public enum EndpointStatus {
  ENABLED,
  DISABLED,
  DELETED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static EndpointStatus fromWire(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
