package dev.feedlink.connection.provider;

import java.time.Instant;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The providers the pipeline catalogued. */
public interface Providers {

  Mono<Void> catalogue(Provider provider, Instant at);

  Mono<Provider> find(UUID providerId);

  Flux<Provider> all();
}
