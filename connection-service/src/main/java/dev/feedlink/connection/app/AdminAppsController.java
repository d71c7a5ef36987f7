package dev.feedlink.connection.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
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

  /** Creates an app and returns its API token, the only time the token is ever shown. */
  @PostMapping("/admin/apps")
  @ResponseStatus(HttpStatus.CREATED)
  Mono<CreatedApp> create(@Valid @RequestBody CreateApp request) {
    String token = tokens.issue();
    App app = new App(UUID.randomUUID(), request.name().strip(), clock.instant());
    return apps.create(app, UUID.randomUUID(), ApiTokens.hash(token), ApiTokens.hint(token))
        .map(created -> new CreatedApp(created.appId(), created.name(), token, created.createdAt()));
  }
}
