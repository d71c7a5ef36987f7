package dev.feedlink.pipeline.session;

import dev.feedlink.pipeline.session.domain.Step;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Where a provider that prepares data asynchronously says it is ready (the session is in Waiting
 * For Webhook, 25). Providers are not behind the gateway: the session's random secret in the URL
 * it was given authenticates the call. The session then loads at once.
 */
@RestController
class ProviderCallbackController {

  private final Sessions sessions;
  private final SessionCommits commits;
  private final SessionRunner runner;
  private final Clock clock;

  ProviderCallbackController(Sessions sessions, SessionCommits commits, SessionRunner runner, Clock clock) {
    this.sessions = sessions;
    this.commits = commits;
    this.runner = runner;
    this.clock = clock;
  }

  @PostMapping(CallbackUrls.PATH + "{sessionId}/{secret}")
  Mono<ResponseEntity<Void>> ready(@PathVariable String sessionId, @PathVariable String secret) {
    UUID id;
    try {
      id = UUID.fromString(sessionId);
    } catch (IllegalArgumentException e) {
      return Mono.just(ResponseEntity.notFound().build());
    }
    return sessions.find(id)
        .filter(s -> s.callbackSecret() != null
            && MessageDigest.isEqual(s.callbackSecret().getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8)))
        .flatMap(s -> s.step() == Step.AWAIT_CALLBACK
            ? commits.commit(s, s.withProgress(s.progress().calledBack(clock.instant())).next(Step.LOAD, clock.instant()), null, saved -> Mono.empty())
                .doOnSuccess(saved -> runner.wake())
                .onErrorResume(Sessions.ChangedMeanwhile.class, e -> Mono.empty())
                .thenReturn(ResponseEntity.noContent().<Void>build())
            : Mono.just(ResponseEntity.noContent().<Void>build()))
        .defaultIfEmpty(ResponseEntity.notFound().build());
  }
}
