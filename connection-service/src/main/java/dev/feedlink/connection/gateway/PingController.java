package dev.feedlink.connection.gateway;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The cheapest answer this server gives: a liveness probe, and the baseline of ContextBenchmark. */
@RestController
class PingController {

  @GetMapping(value = "/ping", produces = "text/plain")
  Mono<String> ping() {
    return Mono.just("pong");
  }
}
