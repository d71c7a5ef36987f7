package dev.feedlink.sandbox.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.feedlink.sandbox.control.domain.SandboxSettings;
import dev.feedlink.sandbox.control.domain.Settings;
import dev.feedlink.sandbox.domain.Provider;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET/PUT /sandbox/settings}: how the sandbox behaves; a PUT changes only the fields it names. */
@RestController
class SettingsController {

  record SettingsBody(
      @JsonProperty("slow_delay") String slowDelay,
      @JsonProperty("webhook_delay") String webhookDelay,
      @JsonProperty("consent_days") Integer consentDays,
      @JsonProperty("device_trust_days") Integer deviceTrustDays,
      @JsonProperty("retry_after") String retryAfter,
      List<String> unavailable,
      @JsonProperty("data_unavailable") List<String> dataUnavailable) {

    static SettingsBody of(Settings s) {
      return new SettingsBody(
          s.slowDelay().toString(),
          s.webhookDelay().toString(),
          s.consentDays(),
          s.deviceTrustDays(),
          s.retryAfter().toString(),
          names(s.unavailable()),
          names(s.dataUnavailable()));
    }

    private static List<String> names(Set<Provider> providers) {
      return providers.stream().sorted().map(Provider::path).toList();
    }
  }

  private final SandboxSettings settings;

  SettingsController(SandboxSettings settings) {
    this.settings = settings;
  }

  @GetMapping("/sandbox/settings")
  SettingsBody current() {
    return SettingsBody.of(settings.current());
  }

  @PutMapping("/sandbox/settings")
  SettingsBody change(@RequestBody SettingsBody change) {
    Duration slow = change.slowDelay() == null ? null : duration("slow_delay", change.slowDelay());
    Duration webhook = change.webhookDelay() == null ? null : duration("webhook_delay", change.webhookDelay());
    Duration retryAfter = change.retryAfter() == null ? null : duration("retry_after", change.retryAfter());
    Integer consentDays = days("consent_days", change.consentDays());
    Integer trustDays = days("device_trust_days", change.deviceTrustDays());
    Set<Provider> unavailable = change.unavailable() == null ? null : providers("unavailable", change.unavailable());
    Set<Provider> dataUnavailable = change.dataUnavailable() == null ? null : providers("data_unavailable", change.dataUnavailable());
    return SettingsBody.of(
        settings.update(
            s -> new Settings(
                slow != null ? slow : s.slowDelay(),
                webhook != null ? webhook : s.webhookDelay(),
                consentDays != null ? consentDays : s.consentDays(),
                trustDays != null ? trustDays : s.deviceTrustDays(),
                retryAfter != null ? retryAfter : s.retryAfter(),
                unavailable != null ? unavailable : s.unavailable(),
                dataUnavailable != null ? dataUnavailable : s.dataUnavailable())));
  }

  static Duration duration(String field, String text) {
    try {
      Duration d = Duration.parse(text.strip());
      if (!d.isNegative()) {
        return d;
      }
    } catch (DateTimeParseException e) {
      // refused below
    }
    throw new InvalidControlInput(field, "must be a non-negative ISO-8601 duration, not \"" + text + "\"", List.of("PT0S", "PT2S", "PT30S"));
  }

  private static Integer days(String field, Integer value) {
    if (value != null && value < 0) {
      throw new InvalidControlInput(field, "must be zero or more days, not " + value, List.of());
    }
    return value;
  }

  static Set<Provider> providers(String field, List<String> names) {
    Set<Provider> providers = EnumSet.noneOf(Provider.class);
    for (String name : names) {
      providers.add(Provider.fromPath(name).orElseThrow(
          () -> new InvalidControlInput(field, "no provider is called \"" + name + "\"", Provider.paths())));
    }
    return providers;
  }
}
