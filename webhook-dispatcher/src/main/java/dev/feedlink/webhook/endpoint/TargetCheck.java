package dev.feedlink.webhook.endpoint;

import dev.feedlink.platform.web.ApiProblem;
import dev.feedlink.webhook.endpoint.domain.EndpointUrl;
import dev.feedlink.webhook.endpoint.domain.TargetAddresses;
import dev.feedlink.webhook.endpoint.domain.TargetRefusedException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Refuses, at registration, a URL whose host resolves only to addresses webhooks may not go to. The
 * same rule runs again at every connection the dispatcher opens, because DNS answers can change.
 */
public final class TargetCheck {

  private final TargetAddresses addresses;

  public TargetCheck(TargetAddresses addresses) {
    this.addresses = addresses;
  }

  public Mono<EndpointUrl> check(EndpointUrl url) {
    return Mono.fromCallable(
            () -> {
              List<InetAddress> resolved;
              try {
                resolved = List.of(InetAddress.getAllByName(url.host()));
              } catch (UnknownHostException e) {
                throw ApiProblem.invalidField("url", "url: host " + url.host() + " does not resolve");
              }
              try {
                addresses.permitted(url.host(), resolved);
              } catch (TargetRefusedException e) {
                throw ApiProblem.invalidField("url", "url: " + e.getMessage());
              }
              return url;
            })
        // DNS lookups block.
        .subscribeOn(Schedulers.boundedElastic());
  }
}
