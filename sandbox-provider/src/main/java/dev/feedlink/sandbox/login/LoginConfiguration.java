package dev.feedlink.sandbox.login;

import dev.feedlink.sandbox.SandboxProperties;
import dev.feedlink.sandbox.control.domain.SandboxClock;
import dev.feedlink.sandbox.control.domain.SandboxSettings;
import dev.feedlink.sandbox.domain.Provider;
import dev.feedlink.sandbox.login.domain.Authenticator;
import dev.feedlink.sandbox.login.domain.TestLogins;
import dev.feedlink.sandbox.samples.Samples;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LoginConfiguration {

  @Bean
  TestLogins testLogins(Samples samples) {
    return new TestLogins(
        Map.of(Provider.UTILITY, samples.utilityAccounts(), Provider.BANK, samples.bankAccounts()), samples.subscriptionId());
  }

  @Bean
  Authenticator authenticator(TestLogins logins, SandboxClock clock, SandboxSettings settings, SandboxProperties properties) {
    return new Authenticator(logins, clock, settings, properties.challengeTtl(), properties.tokenTtl());
  }
}
