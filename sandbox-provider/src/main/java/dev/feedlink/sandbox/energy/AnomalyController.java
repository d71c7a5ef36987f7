package dev.feedlink.sandbox.energy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.feedlink.sandbox.control.InvalidControlInput;
import dev.feedlink.sandbox.control.UnknownTestLogin;
import dev.feedlink.sandbox.domain.Provider;
import dev.feedlink.sandbox.energy.domain.Commodity;
import dev.feedlink.sandbox.energy.domain.LoadModel;
import dev.feedlink.sandbox.energy.domain.MeterDay;
import dev.feedlink.sandbox.energy.domain.Reading;
import dev.feedlink.sandbox.login.domain.ProviderAccount;
import dev.feedlink.sandbox.login.domain.TestLogin;
import dev.feedlink.sandbox.login.domain.TestLogins;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ground truth of what the sandbox planted in an account's readings between two local days,
 * whether published yet or not: for tests of the pipeline's cleaning and monitoring.
 */
@RestController
public class AnomalyController {

  static final int MAX_DAYS = 800;

  record PlantedReading(@JsonProperty("start") Instant start, String kind, long value) {}

  record Planted(
      @JsonProperty("account_number") String accountNumber,
      String from,
      String to,
      @JsonProperty("anomalous_days") List<String> anomalousDays,
      List<PlantedReading> readings) {}

  private final TestLogins logins;

  AnomalyController(TestLogins logins) {
    this.logins = logins;
  }

  @GetMapping("/sandbox/utility/users/{username}/accounts/{accountNumber}/anomalies")
  Planted anomalies(
      @PathVariable String username, @PathVariable String accountNumber, @RequestParam String from, @RequestParam String to) {
    TestLogin login = logins.find(Provider.UTILITY, username).orElseThrow(() -> new UnknownTestLogin(username));
    ProviderAccount account =
        login.account(accountNumber)
            .orElseThrow(() -> new InvalidControlInput("account_number", "not an account of " + username,
                login.accounts().stream().map(ProviderAccount::number).toList()));
    LocalDate first = date("from", from);
    LocalDate last = date("to", to);
    if (last.isBefore(first) || ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
      throw new InvalidControlInput("to", "must be on or after from, and at most " + MAX_DAYS + " days later", List.of());
    }
    LoadModel model = new LoadModel(account.number(), Commodity.of(account.kind()));
    List<String> days = new ArrayList<>();
    List<PlantedReading> readings = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      MeterDay day = model.day(d);
      if (day.anomalous()) {
        days.add(d.toString());
      }
      for (Reading r : day.readings()) {
        if (r.anomaly() != Reading.Anomaly.NONE) {
          readings.add(new PlantedReading(Instant.ofEpochSecond(r.start()), r.anomaly().name().toLowerCase(Locale.ROOT), r.value()));
        }
      }
    }
    return new Planted(account.number(), first.toString(), last.toString(), days, readings);
  }

  private static LocalDate date(String field, String text) {
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidControlInput(field, "must be a local date such as 2026-01-31, not \"" + text + "\"", List.of());
    }
  }
}
