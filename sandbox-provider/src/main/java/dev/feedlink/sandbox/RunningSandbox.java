package dev.feedlink.sandbox;

import dev.feedlink.sandbox.control.domain.Faults;
import dev.feedlink.sandbox.control.domain.SandboxClock;
import dev.feedlink.sandbox.control.domain.SandboxSettings;
import dev.feedlink.sandbox.domain.ResettableState;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A sandbox started in-process by {@link SandboxProviderApplication#start}: its port and a
 * programmatic handle on what the control API changes, for other modules' tests.
 */
public final class RunningSandbox implements AutoCloseable {

  private final ConfigurableApplicationContext context;

  RunningSandbox(ConfigurableApplicationContext context) {
    this.context = context;
  }

  public ConfigurableApplicationContext context() {
    return context;
  }

  public int port() {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /** {@code http://localhost:<port>}: the base URL of both providers and the control API. */
  public String baseUrl() {
    return "http://localhost:" + port();
  }

  /** The sandbox clock: {@code advance}, {@code setTo}, {@code freeze}; forward only. */
  public SandboxClock clock() {
    return context.getBean(SandboxClock.class);
  }

  /** The run-time settings ({@code PUT /sandbox/settings}). */
  public SandboxSettings settings() {
    return context.getBean(SandboxSettings.class);
  }

  /** Injected transient failures ({@code POST /sandbox/faults}). */
  public Faults faults() {
    return context.getBean(Faults.class);
  }

  /** Back to the documented state, the clock excepted ({@code POST /sandbox/reset}). */
  public void reset() {
    context.getBeansOfType(ResettableState.class).values().forEach(ResettableState::reset);
  }

  @Override
  public void close() {
    context.close();
  }
}
