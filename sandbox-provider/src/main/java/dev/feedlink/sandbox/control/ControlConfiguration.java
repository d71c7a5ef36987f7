package dev.feedlink.sandbox.control;

import dev.feedlink.sandbox.SandboxProperties;
import dev.feedlink.sandbox.control.domain.Faults;
import dev.feedlink.sandbox.control.domain.SandboxClock;
import dev.feedlink.sandbox.control.domain.SandboxSettings;
import dev.feedlink.sandbox.control.domain.Settings;
import java.time.Clock;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ControlConfiguration {

  /** The one clock of the sandbox: every published day, bill, token and consent is on it. */
  @Bean
  SandboxClock sandboxClock(SandboxProperties properties) {
    Clock real = Clock.systemUTC();
    return new SandboxClock(real, properties.clockStart() != null ? properties.clockStart() : real.instant(), properties.clockFrozen());
  }

  @Bean
  SandboxSettings sandboxSettings(SandboxProperties p) {
    return new SandboxSettings(
        new Settings(p.slowDelay(), p.webhookDelay(), p.consentDays(), p.deviceTrustDays(), p.retryAfter(), Set.of(), Set.of()));
  }

  @Bean
  Faults faults() {
    return new Faults();
  }
}
