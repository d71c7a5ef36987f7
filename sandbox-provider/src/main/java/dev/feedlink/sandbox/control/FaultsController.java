package dev.feedlink.sandbox.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.feedlink.sandbox.control.domain.Faults;
import dev.feedlink.sandbox.domain.Provider;
import java.time.Duration;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /sandbox/faults}: the next {@code count} requests to a provider fail with a 5xx. */
@RestController
class FaultsController {

  private static final List<Integer> STATUSES = List.of(500, 502, 503, 504);

  record InjectFaults(String provider, Integer count, Integer status, @JsonProperty("retry_after") String retryAfter) {}

  record Injected(String provider, int remaining, int status, @JsonProperty("retry_after") String retryAfter) {}

  private final Faults faults;

  FaultsController(Faults faults) {
    this.faults = faults;
  }

  @PostMapping("/sandbox/faults")
  Injected inject(@RequestBody InjectFaults request) {
    if (request.provider() == null) {
      throw new InvalidControlInput("provider", "is required", Provider.paths());
    }
    Provider provider = SettingsController.providers("provider", List.of(request.provider())).iterator().next();
    int count = request.count() == null ? 1 : request.count();
    if (count < 0 || count > 10_000) {
      throw new InvalidControlInput("count", "must be between 0 and 10000, not " + count, List.of());
    }
    int status = request.status() == null ? 503 : request.status();
    if (!STATUSES.contains(status)) {
      throw new InvalidControlInput("status", "must be a server error status", STATUSES.stream().map(String::valueOf).toList());
    }
    Duration retryAfter = request.retryAfter() == null ? Duration.ofSeconds(1) : SettingsController.duration("retry_after", request.retryAfter());
    faults.inject(provider, count, new Faults.Fault(status, retryAfter));
    return new Injected(provider.path(), faults.remaining(provider), status, retryAfter.toString());
  }
}
