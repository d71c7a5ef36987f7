package dev.feedlink.sandbox.control.domain;

import dev.feedlink.sandbox.domain.Provider;
import dev.feedlink.sandbox.domain.ResettableState;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Transient failures on demand: the next {@code count} requests to a provider answer a 5xx, then it
 * recovers. Lets a client's retries with backoff be tested against the real server.
 */
public final class Faults implements ResettableState {

  /** One injected failure: the status and the {@code Retry-After} it carries. */
  public record Fault(int status, Duration retryAfter) {}

  private record Pending(int remaining, Fault fault) {}

  private final Map<Provider, Pending> pending = new ConcurrentHashMap<>();

  public void inject(Provider provider, int count, Fault fault) {
    if (count <= 0) {
      pending.remove(provider);
    } else {
      pending.put(provider, new Pending(count, fault));
    }
  }

  /** Consumes one pending failure of the provider, if any. */
  public Optional<Fault> take(Provider provider) {
    Fault[] taken = new Fault[1];
    pending.computeIfPresent(
        provider,
        (p, current) -> {
          taken[0] = current.fault();
          return current.remaining() > 1 ? new Pending(current.remaining() - 1, current.fault()) : null;
        });
    return Optional.ofNullable(taken[0]);
  }

  public int remaining(Provider provider) {
    Pending p = pending.get(provider);
    return p == null ? 0 : p.remaining();
  }

  @Override
  public void reset() {
    pending.clear();
  }
}
