package dev.feedlink.pipeline.provider;

/**
 * What a login grants: the token for data requests and, for a Green Button provider, the
 * subscription to fetch. Never printed: {@link #toString()} hides the token.
 */
public record ProviderAccess(String accessToken, String subscriptionId) {

  @Override
  public String toString() {
    return "ProviderAccess[accessToken=***, subscriptionId=" + subscriptionId + "]";
  }
}
