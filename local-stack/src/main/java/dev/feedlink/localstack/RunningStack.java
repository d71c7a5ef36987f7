package dev.feedlink.localstack;

import dev.feedlink.sandbox.control.domain.SandboxClock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/** The started services, by name, with the ports they listen on. Closing stops them in reverse order. */
public final class RunningStack implements AutoCloseable {

  private final Map<String, ConfigurableApplicationContext> services = new LinkedHashMap<>();
  private SandboxClock clock;

  void add(String name, ConfigurableApplicationContext context) {
    services.put(name, context);
  }

  void useClock(SandboxClock clock) {
    this.clock = clock;
  }

  /**
   * The one clock every service and the sandbox read: the sandbox's. Advancing it moves the
   * providers' data and the platform's schedules, timeouts and retries together.
   */
  public SandboxClock clock() {
    return clock;
  }

  public Map<String, ConfigurableApplicationContext> services() {
    return services;
  }

  public int port(String service) {
    ConfigurableApplicationContext context = services.get(service);
    if (context == null) {
      throw new IllegalArgumentException("no service " + service + " in " + services.keySet());
    }
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  public String gatewayUrl() {
    return "http://localhost:" + port(LocalStack.CONNECTION_SERVICE);
  }

  /** Stops one service, as if its instance died (the scale-out test stops one mid-journey). */
  public void stop(String service) {
    ConfigurableApplicationContext context = services.remove(service);
    if (context != null) {
      context.close();
    }
  }

  @Override
  public void close() {
    List<String> names = new ArrayList<>(services.keySet());
    for (int i = names.size() - 1; i >= 0; i--) {
      stop(names.get(i));
    }
  }
}
