package dev.feedlink.sandbox.energy;

import dev.feedlink.sandbox.SandboxProperties;
import dev.feedlink.sandbox.energy.domain.Commodity;
import dev.feedlink.sandbox.energy.domain.LoadModel;
import dev.feedlink.sandbox.energy.domain.Meter;
import dev.feedlink.sandbox.login.domain.Behaviour;
import dev.feedlink.sandbox.login.domain.ProviderAccount;
import dev.feedlink.sandbox.login.domain.TestLogin;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/** The meters behind a login's accounts, and the feed content they publish in a window. */
@Component
class UtilityMeters {

  private final int historyDays;

  UtilityMeters(SandboxProperties properties) {
    this.historyDays = properties.historyDays();
  }

  Meter meter(TestLogin login, ProviderAccount account, Instant firstLogin) {
    LocalDate historyStart = firstLogin.atZone(LoadModel.ZONE).toLocalDate().minusDays(historyDays);
    return new Meter(account.number(), Commodity.of(account.kind()), historyStart, login.behaviour() != Behaviour.NO_DATA);
  }

  List<MeterFeed> feeds(TestLogin login, List<ProviderAccount> accounts, Instant firstLogin, Instant min, Instant max, Instant now) {
    return accounts.stream()
        .map(
            account -> {
              Meter meter = meter(login, account, firstLogin);
              return new MeterFeed(
                  account,
                  meter.commodity(),
                  meter.historyStart().atStartOfDay(LoadModel.ZONE).toInstant(),
                  meter.publishedDays(min, max, now),
                  meter.publishedBills(min, max, now));
            })
        .toList();
  }
}
