package dev.feedlink.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedlink.sandbox.control.domain.Faults;
import dev.feedlink.sandbox.control.domain.Settings;
import dev.feedlink.sandbox.domain.Provider;
import dev.feedlink.sandbox.energy.domain.Commodity;
import dev.feedlink.sandbox.energy.domain.LoadModel;
import dev.feedlink.sandbox.energy.domain.MeterDay;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** Sandbox Energy's feed: structure, values, growth with the clock, determinism, bills, windows. */
class GreenButtonFeedTest extends UtilityTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static Instant midnight(LocalDate day) {
    return day.atStartOfDay(NEW_YORK).toInstant();
  }

  @Test
  void aFeedCarriesEachAccountWithItsReadingTypeAndTheLocalTimeParameters() {
    Session session = utility("user_good", "device-1");

    ParsedFeed feed = feed(session, window(now().minus(Duration.ofDays(3)), now()));

    assertThat(feed.document.getDocumentElement().getNamespaceURI()).isEqualTo(ParsedFeed.ATOM);
    assertThat(feed.selfLink).startsWith(session.batch());
    assertThat(feed.accounts.keySet()).containsExactly("5550000101", "5550000102");
    ParsedFeed.Account electricity = feed.account("5550000101");
    ParsedFeed.Account gas = feed.account("5550000102");
    assertThat(electricity.title()).isEqualTo("Home electricity");
    assertThat(List.of(electricity.serviceKind(), electricity.uom(), electricity.powerOfTenMultiplier(), electricity.intervalLength()))
        .containsExactly(0, 72, 0, 900);
    assertThat(List.of(gas.serviceKind(), gas.uom(), gas.powerOfTenMultiplier(), gas.intervalLength())).containsExactly(1, 169, -3, 3600);
    assertThat(feed.localTime).containsExactly(
        Map.entry("dstEndRule", "B40E2000"), Map.entry("dstOffset", "3600"), Map.entry("dstStartRule", "360E2000"), Map.entry("tzOffset", "-18000"));
    assertThat(feed.entries("LocalTimeParameters")).isEqualTo(1);
    assertThat(electricity.blocks()).hasSize(3).allSatisfy(b -> assertThat(b.readings()).hasSize(96));
    assertThat(gas.blocks()).hasSize(3).allSatisfy(b -> assertThat(b.readings()).hasSize(24));
  }

  @Test
  void eachBlockIsOneLocalDayOfContiguousReadingsPublishedAtItsEnd() {
    Session session = utility("user_good", "device-1");

    ParsedFeed feed = feed(session, window(now().minus(Duration.ofDays(20)), now()));

    for (ParsedFeed.Account account : feed.accounts.values()) {
      LocalDate previous = null;
      for (ParsedFeed.Block block : account.blocks()) {
        assertThat(block.start()).isEqualTo(midnight(block.title()).getEpochSecond());
        assertThat(block.start() + block.duration()).isEqualTo(midnight(block.title().plusDays(1)).getEpochSecond());
        assertThat(block.published()).isEqualTo(midnight(block.title().plusDays(1)));
        long expectedStart = block.start();
        for (ParsedFeed.Reading r : block.readings()) {
          assertThat(r.start()).isEqualTo(expectedStart);
          assertThat(r.duration()).isEqualTo(account.intervalLength());
          expectedStart += r.duration();
        }
        assertThat(expectedStart).isEqualTo(block.start() + block.duration());
        if (previous != null) {
          assertThat(block.title()).isEqualTo(previous.plusDays(1));
        }
        previous = block.title();
      }
      assertThat(previous).isEqualTo(LocalDate.ofInstant(now(), NEW_YORK).minusDays(1));
    }
    assertThat(feed.updated).isEqualTo(midnight(LocalDate.ofInstant(now(), NEW_YORK)));
  }

  @Test
  void theReadingsAreTheValuesTheLoadModelIntendedAndLookLikeAHousehold() {
    Session session = utility("user_good", "device-1");
    ParsedFeed feed = feed(session, window(now().minus(Duration.ofDays(60)), now()));

    for (String number : List.of("5550000101", "5550000102")) {
      ParsedFeed.Account account = feed.account(number);
      LoadModel model = new LoadModel(number, number.endsWith("1") ? Commodity.ELECTRICITY : Commodity.GAS);
      for (ParsedFeed.Block block : account.blocks()) {
        MeterDay intended = model.day(block.title());
        assertThat(block.readings()).hasSize(intended.readings().size());
        for (int i = 0; i < block.readings().size(); i++) {
          ParsedFeed.Reading served = block.readings().get(i);
          var planned = intended.readings().get(i);
          assertThat(List.of(served.start(), served.value(), served.cost()))
              .as("%s %s reading %d", number, block.title(), i)
              .containsExactly(planned.start(), planned.value(), planned.cost());
          assertThat(served.quality()).isEqualTo(planned.quality());
        }
      }
    }
    // A household: 5 to 80 kWh a day, more in the evening than before dawn on ordinary days.
    List<ParsedFeed.Block> days = feed.account("5550000101").blocks();
    assertThat(days).allSatisfy(b -> assertThat(b.total()).isBetween(5_000L, 80_000L));
    long evening = 0;
    long night = 0;
    for (ParsedFeed.Block b : days) {
      evening += b.readings().subList(76, 84).stream().mapToLong(ParsedFeed.Reading::value).sum(); // 19:00-21:00
      night += b.readings().subList(12, 20).stream().mapToLong(ParsedFeed.Reading::value).sum(); // 03:00-05:00
    }
    assertThat(evening).isGreaterThan(2 * night);
    // Gas in late autumn: heating, hundreds of millitherms an hour at times.
    assertThat(feed.account("5550000102").blocks()).allSatisfy(b -> assertThat(b.total()).isBetween(500L, 15_000L));
  }

  @Test
  void advancingTheClockOneDayPublishesExactlyOneMoreLocalDay() {
    Session session = utility("user_good", "device-1");
    Instant before = now();
    ParsedFeed earlier = feed(session, window(before.minus(Duration.ofDays(10)), before));

    sandbox.clock().advance(Duration.ofDays(1));
    session = utility("user_good", "device-1");
    ParsedFeed later = feed(session, window(before.minus(Duration.ofDays(10)), now()));
    ParsedFeed onlyNew = feed(session, "?published-min=" + before);

    for (String number : List.of("5550000101", "5550000102")) {
      List<ParsedFeed.Block> old = earlier.account(number).blocks();
      List<ParsedFeed.Block> grown = later.account(number).blocks();
      assertThat(grown).hasSize(old.size() + 1);
      assertThat(grown.subList(0, old.size())).isEqualTo(old);
      ParsedFeed.Block added = grown.get(grown.size() - 1);
      assertThat(added.title()).isEqualTo(LocalDate.ofInstant(before, NEW_YORK));
      assertThat(onlyNew.account(number).blocks()).containsExactly(added);
    }
    assertThat(onlyNew.account("5550000101").blocks().get(0).readings()).hasSize(96);
    assertThat(onlyNew.account("5550000102").blocks().get(0).readings()).hasSize(24);
  }

  @Test
  void theSameRequestAnswersTheSameBytesAndAWiderWindowTheSameReadings() {
    Session session = utility("user_good", "device-1");
    Instant min = now().minus(Duration.ofDays(15));
    Instant max = now().minus(Duration.ofDays(5));
    byte[] first = bytes(session, window(min, max));

    byte[] again = bytes(utility("user_good", "device-2"), window(min, max));
    sandbox.clock().advance(Duration.ofDays(3));
    byte[] later = bytes(utility("user_good", "device-1"), window(min, max));
    ParsedFeed wider = feed(utility("user_good", "device-1"), window(min.minus(Duration.ofDays(10)), now()));

    assertThat(again).isEqualTo(first);
    assertThat(later).as("a window in the past does not change as the clock moves").isEqualTo(first);
    ParsedFeed narrow = new ParsedFeed(first);
    Set<ParsedFeed.Block> all = new HashSet<>(wider.account("5550000101").blocks());
    assertThat(all).containsAll(narrow.account("5550000101").blocks());
  }

  @Test
  void theWindowHoldsWhatWasPublishedWithinItBothEndsIncluded() {
    Session session = utility("user_good", "device-1");
    LocalDate today = LocalDate.ofInstant(now(), NEW_YORK);
    Instant published = midnight(today.minusDays(3)); // the end of the day four days ago

    ParsedFeed exact = feed(session, window(published, published));
    ParsedFeed after = feed(session, window(published.plusSeconds(1), midnight(today.minusDays(2)).minusSeconds(1)));
    ParsedFeed future = feed(session, window(now().plus(Duration.ofDays(1)), now().plus(Duration.ofDays(2))));

    assertThat(exact.account("5550000101").blocks()).extracting(ParsedFeed.Block::title).containsExactly(today.minusDays(4));
    assertThat(after.account("5550000101").blocks()).isEmpty();
    assertThat(future.account("5550000101").blocks()).as("nothing is published ahead of the clock").isEmpty();
  }

  @Test
  void withoutAWindowTheFeedHoldsTheLast30Days() {
    ParsedFeed feed = feed(utility("user_good", "device-1"), "");

    assertThat(feed.account("5550000101").blocks()).hasSize(30);
    assertThat(feed.account("5550000102").blocks()).hasSize(30);
  }

  @Test
  void billsSumTheirPeriodsReadingsAndNameTheDueAndNextBillDates() {
    Session session = utility("user_good", "device-1");
    ParsedFeed feed = feed(session, window(now().minus(Duration.ofDays(500)), now()));

    for (ParsedFeed.Account account : feed.accounts.values()) {
      List<ParsedFeed.Bill> bills = account.bills();
      assertThat(bills).hasSizeBetween(12, 13);
      assertThat(account.blocks()).hasSize(400);
      ParsedFeed.Bill previous = null;
      for (ParsedFeed.Bill bill : bills) {
        Instant end = Instant.ofEpochSecond(bill.periodStart() + bill.periodDuration());
        LocalDate billDate = LocalDate.ofInstant(end, NEW_YORK);
        long consumption = 0;
        long cost = 0;
        int days = 0;
        for (ParsedFeed.Block b : account.blocks()) {
          if (b.start() >= bill.periodStart() && b.start() < end.getEpochSecond()) {
            consumption += b.total();
            cost += b.cost();
            days++;
          }
        }
        assertThat(days).isEqualTo(billDate.minusMonths(1).lengthOfMonth());
        assertThat(bill.consumption()).isEqualTo(consumption);
        assertThat(bill.costAdditional()).isEqualTo(account.serviceKind() == 0 ? 1_200_000 : 1_500_000);
        assertThat(bill.billLastPeriod()).isEqualTo(cost + bill.costAdditional());
        assertThat(List.of(bill.uom(), bill.powerOfTenMultiplier())).containsExactly(account.uom(), account.powerOfTenMultiplier());
        assertThat(bill.resource()).isEqualTo(account.serviceKind() == 0 ? "ElectricPowerUsageSummary" : "UsageSummary");
        assertThat(bill.published()).isEqualTo(end);
        assertThat(bill.statusTimeStamp()).isEqualTo(end.getEpochSecond());
        assertThat(midnight(billDate)).isEqualTo(end);
        assertThat(bill.dueDate()).isEqualTo(billDate.plusDays(21));
        assertThat(bill.nextBillDate()).isEqualTo(billDate.plusMonths(1));
        if (previous != null) {
          assertThat(bill.periodStart()).isEqualTo(previous.periodStart() + previous.periodDuration());
          assertThat(previous.nextBillDate()).isEqualTo(billDate);
        }
        previous = bill;
      }
    }
  }

  @Test
  void aMonthOnTheClockPublishesOneBillPerAccount() {
    Instant before = now();
    sandbox.clock().advance(Duration.ofDays(31));

    ParsedFeed month = feed(utility("user_good", "device-1"), "?published-min=" + before);

    assertThat(month.account("5550000101").bills()).hasSize(1);
    assertThat(month.account("5550000102").bills()).hasSize(1);
    assertThat(month.account("5550000101").blocks()).hasSize(31);
  }

  @Test
  void theAccountsOfAUserSelectFeedAreThosePickedAndOneUsagePointCanBeAskedAlone() {
    String id = login("utility", "user_select", "device-1").path("challenge").path("id").asString();
    JsonNode picked = answer("utility", id, Map.of("accounts", List.of("5550000602", "5550000603")), 200);
    Session session = new Session(picked.path("access_token").asString(), picked.path("subscription_id").asString());

    assertThat(feed(session, "").accounts.keySet()).containsExactly("5550000602", "5550000603");
    assertThat(feed(session, "/UsagePoint/5550000603").accounts.keySet()).containsExactly("5550000603");
    get(session, "/UsagePoint/5550000601").expectStatus().isNotFound().expectBody().jsonPath("$.error").isEqualTo("unknown_usage_point");
  }

  @Test
  void userNodataHasItsUsagePointAndNoReadingsOrBills() {
    ParsedFeed feed = feed(utility("user_nodata", "device-1"), window(now().minus(Duration.ofDays(400)), now()));

    assertThat(feed.account("5550000701").blocks()).isEmpty();
    assertThat(feed.account("5550000701").bills()).isEmpty();
    assertThat(feed.entries("IntervalReading")).isZero();
  }

  @Test
  void userMalformedGetsATruncatedDocumentThatNoParserAccepts() {
    byte[] xml = bytes(utility("user_malformed", "device-1"), "");

    assertThat(new String(xml, 0, 60, StandardCharsets.UTF_8)).startsWith("<?xml");
    assertThatThrownBy(() -> new ParsedFeed(xml)).hasMessageContaining("not a well-formed feed");
  }

  @Test
  void dataNeedsAValidTokenOfThisProviderForThisSubscription() {
    Session good = utility("user_good", "device-1");
    String bankToken = token("bank", "user_good", "device-1");

    http.get().uri(good.batch()).exchange().expectStatus().isUnauthorized()
        .expectHeader().valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"")
        .expectBody().jsonPath("$.error").isEqualTo("invalid_token");
    http.get().uri(good.batch()).header("Authorization", "Bearer " + bankToken).exchange().expectStatus().isUnauthorized().expectBody().returnResult();
    get(new Session(good.token(), utility("user_good_9", "d").subscription()), "")
        .expectStatus().isNotFound().expectBody().jsonPath("$.error").isEqualTo("unknown_subscription");
    get(good, "?published-min=yesterday").expectStatus().isBadRequest().expectBody().jsonPath("$.message").value(
        m -> assertThat((String) m).contains("published-min"));

    sandbox.clock().advance(Duration.ofHours(1));
    get(good, "").expectStatus().isUnauthorized().expectBody().returnResult();
  }

  @Test
  void aClientAcceptingOnlyAtomXmlStillReadsTheJsonErrors() {
    Session good = utility("user_good", "device-1");

    http.get().uri(good.batch()).accept(MediaType.parseMediaType("application/atom+xml")).exchange()
        .expectStatus().isUnauthorized().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
        .expectBody().jsonPath("$.error").isEqualTo("invalid_token");
    http.get().uri(good.batch() + "?published-min=soon").header("Authorization", "Bearer " + good.token())
        .accept(MediaType.parseMediaType("application/atom+xml")).exchange()
        .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_request");
    Session webhook = utility("user_webhook", "device-1");
    http.get().uri(webhook.batch()).header("Authorization", "Bearer " + webhook.token())
        .accept(MediaType.parseMediaType("application/atom+xml")).exchange()
        .expectStatus().isAccepted().expectBody().jsonPath("$.status").isEqualTo("pending");
  }

  @Test
  void userSlowDataComesAfterTheDelay() {
    sandbox.settings().update(s -> new Settings(
        Duration.ofMillis(500), s.webhookDelay(), s.consentDays(), s.deviceTrustDays(), s.retryAfter(), s.unavailable(), s.dataUnavailable()));
    Session session = utility("user_slow", "device-1");

    long started = System.nanoTime();
    ParsedFeed feed = feed(session, "");

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    assertThat(feed.account("5550000901").blocks()).hasSize(30);
  }

  @Test
  void aPasswordChangeRevokesTheTokensItIssued() {
    Session session = utility("user_good", "device-1");
    get(session, "").expectStatus().isOk().expectBody().returnResult();

    http.put().uri("/sandbox/users/user_good/password").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("password", "new")).exchange().expectStatus().isNoContent().expectBody().returnResult();

    get(session, "").expectStatus().isUnauthorized().expectBody().returnResult();
  }

  @Test
  void anExpiredConsentStopsDataEvenWithALiveToken() {
    utility("user_expired", "device-1"); // consents
    sandbox.clock().advance(Duration.ofDays(7).minusMinutes(10));
    Session last = utility("user_expired", "device-1");
    get(last, "").expectStatus().isOk().expectBody().returnResult();

    sandbox.clock().advance(Duration.ofMinutes(10));

    get(last, "").expectStatus().isForbidden().expectBody().jsonPath("$.error").isEqualTo("consent_expired");
  }

  @Test
  void dataUnavailableAnswers503WhileLoginsStillWork() {
    http.put().uri("/sandbox/settings").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("data_unavailable", List.of("utility"))).exchange().expectStatus().isOk().expectBody().returnResult();

    Session session = utility("user_good", "device-1");

    get(session, "").expectStatus().isEqualTo(503).expectHeader().valueEquals("Retry-After", "30").expectBody().returnResult();
  }

  @Test
  void anInjectedFaultFailsTheNextDataRequestOnly() {
    Session session = utility("user_good", "device-1");
    sandbox.faults().inject(Provider.UTILITY, 1, new Faults.Fault(504, Duration.ofSeconds(2)));

    get(session, "").expectStatus().isEqualTo(504).expectHeader().valueEquals("Retry-After", "2").expectBody().returnResult();
    get(session, "").expectStatus().isOk().expectBody().returnResult();
  }
}
