package dev.feedlink.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every service shares.
 *
 * @param developmentMode allows the conveniences of the local stack and tests that production must
 *     not have: a built-in encryption key, a built-in internal token, plain-http and loopback webhook
 *     targets
 * @param internalToken the secret the gateway adds to every request it forwards; services behind
 *     it refuse requests without it. Required outside development mode.
 */
@ConfigurationProperties("feedlink")
public record PlatformProperties(@DefaultValue("false") boolean developmentMode, String internalToken) {

  public static final String DEVELOPMENT_INTERNAL_TOKEN = "feedlink-development-internal-token";

  public String requiredInternalToken() {
    if (internalToken != null && !internalToken.isBlank()) {
      return internalToken;
    }
    if (developmentMode) {
      return DEVELOPMENT_INTERNAL_TOKEN;
    }
    throw new IllegalStateException(
        "feedlink.internal-token is not set: set FEEDLINK_INTERNAL_TOKEN to the same random secret in"
            + " every service, or feedlink.development-mode=true for local use");
  }
}
