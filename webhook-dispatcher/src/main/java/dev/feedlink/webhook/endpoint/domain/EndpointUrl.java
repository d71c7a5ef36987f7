package dev.feedlink.webhook.endpoint.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A syntactically acceptable endpoint URL: absolute, {@code https} (plain {@code http} only in
 * development mode), with a host, without credentials or fragment. Where the host points is
 * checked separately ({@link TargetAddresses}), at registration and again at every connection.
 */
public record EndpointUrl(URI uri) {

  public static final int MAX_LENGTH = 2048;

  public static EndpointUrl parse(String text, boolean allowPlainHttp) {
    if (text == null || text.isBlank()) {
      throw new InvalidEndpointUrl("must not be blank");
    }
    if (text.length() > MAX_LENGTH) {
      throw new InvalidEndpointUrl("must be at most " + MAX_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new InvalidEndpointUrl("is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(allowPlainHttp && scheme.equals("http"))) {
      throw new InvalidEndpointUrl(
          allowPlainHttp ? "must be an http or https URL" : "must be an https URL (plain http is refused)");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new InvalidEndpointUrl("must name a host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new InvalidEndpointUrl("must not carry credentials; authenticate webhooks by their signature");
    }
    if (uri.getRawFragment() != null) {
      throw new InvalidEndpointUrl("must not have a fragment");
    }
    return new EndpointUrl(uri);
  }

  /** The host as DNS or an address literal understands it (IPv6 without brackets). */
  public String host() {
    String host = uri.getHost();
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  @Override
  public String toString() {
    return uri.toString();
  }
}
