package dev.feedlink.connection.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.feedlink.platform.web.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Operators create client apps here, with the admin token. */
@RestController
class AdminAppsController {

  record CreateApp(@NotBlank @Size(max = 200) String name) {}

  record CreatedApp(
      @JsonProperty("app_id") UUID appId,
      String name,
      @JsonProperty("api_token") String apiToken,
      @JsonProperty("created_at") Instant createdAt) {}

  private final Apps apps;
  private final ApiTokens tokens;
  private final Clock clock;

  AdminAppsController(Apps apps, ApiTokens tokens, Clock clock) {
    this.apps = apps;
    this.tokens = tokens;
    this.clock = clock;
  }

  record IssuedToken(
      @JsonProperty("token_id") UUID tokenId,
      @JsonProperty("api_token") String apiToken,
      @JsonProperty("created_at") Instant createdAt) {}

  record TokenView(
      @JsonProperty("token_id") UUID tokenId,
      String hint,
      @JsonProperty("created_at") Instant createdAt,
      @JsonProperty("revoked_at") Instant revokedAt) {}

  record TokenList(@JsonProperty("app_id") UUID appId, List<TokenView> tokens) {}

  /** Creates an app and returns its API token, the only time the token is ever shown. */
  @PostMapping("/admin/apps")
  @ResponseStatus(HttpStatus.CREATED)
  Mono<CreatedApp> create(@Valid @RequestBody CreateApp request) {
    String token = tokens.issue();
    App app = new App(UUID.randomUUID(), request.name().strip(), clock.instant());
    return apps.create(app, UUID.randomUUID(), ApiTokens.hash(token), ApiTokens.hint(token))
        .map(created -> new CreatedApp(created.appId(), created.name(), token, created.createdAt()));
  }

  /**
   * Rotates: issues another token for the app (shown once). The old ones keep working until revoked,
   * so a client can switch over without downtime.
   */
  @PostMapping("/admin/apps/{app_id}/tokens")
  @ResponseStatus(HttpStatus.CREATED)
  Mono<IssuedToken> issue(@PathVariable("app_id") UUID appId) {
    String token = tokens.issue();
    UUID tokenId = UUID.randomUUID();
    Instant now = clock.instant();
    return existing(appId)
        .then(apps.addToken(appId, tokenId, ApiTokens.hash(token), ApiTokens.hint(token), now))
        .thenReturn(new IssuedToken(tokenId, token, now));
  }

  @GetMapping("/admin/apps/{app_id}/tokens")
  Mono<TokenList> list(@PathVariable("app_id") UUID appId) {
    return existing(appId)
        .thenMany(apps.tokens(appId))
        .map(t -> new TokenView(t.tokenId(), t.hint(), t.createdAt(), t.revokedAt()))
        .collectList()
        .map(list -> new TokenList(appId, list));
  }

  /** Revokes a token: it stops working at once. */
  @DeleteMapping("/admin/apps/{app_id}/tokens/{token_id}")
  Mono<TokenList> revoke(@PathVariable("app_id") UUID appId, @PathVariable("token_id") UUID tokenId) {
    return apps.revoke(appId, tokenId, clock.instant())
        .flatMap(revoked -> revoked ? list(appId) : Mono.error(ApiProblem.notFound("active token", tokenId.toString())));
  }

  private Mono<App> existing(UUID appId) {
    return apps.find(appId).switchIfEmpty(Mono.error(() -> ApiProblem.notFound("app", appId.toString())));
  }
}
