package dev.feedlink.pipeline.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkingTest {

  private final Benchmarking benchmarking = new Benchmarking();

  private static AccountUsage electricity(String account, String perDay) {
    return new AccountUsage(account, "sandbox-utility", UsageKind.ELECTRICITY, new BigDecimal(perDay), UsageUnit.KWH);
  }

  @Test
  void an_account_using_more_than_three_of_four_peers_is_at_the_75th_percentile() {
    List<AccountUsage> peers =
        List.of(electricity("a", "10"), electricity("b", "15"), electricity("c", "18"), electricity("d", "40"));

    BenchmarkReport report = benchmarking.benchmark(electricity("me", "20"), peers);

    assertThat(report.status()).isEqualTo(AnalysisStatus.COMPLETE);
    assertThat(report.peerCount()).isEqualTo(4);
    assertThat(report.peersBelow()).isEqualTo(3);
    assertThat(report.peersAbove()).isEqualTo(1);
    assertThat(report.percentile()).isEqualByComparingTo("75");
    assertThat(report.peerMedianDailyUsage()).isEqualByComparingTo("16.5");
    assertThat(report.averageDailyUsage()).isEqualByComparingTo("20");
    assertThat(report.unit()).isEqualTo("kWh");
  }

  @Test
  void ties_count_half_so_an_account_equal_to_its_only_peer_is_at_the_50th_percentile() {
    assertThat(benchmarking.benchmark(electricity("me", "20"), List.of(electricity("a", "20"))).percentile())
        .isEqualByComparingTo("50");
    // One peer below, two equal, one above: (1 + 2 / 2) / 4.
    List<AccountUsage> peers =
        List.of(electricity("a", "10"), electricity("b", "20"), electricity("c", "20.0"), electricity("d", "30"));
    BenchmarkReport report = benchmarking.benchmark(electricity("me", "20"), peers);
    assertThat(report.peersEqual()).isEqualTo(2);
    assertThat(report.percentile()).isEqualByComparingTo("50");
  }

  @Test
  void the_least_and_the_most_using_accounts_are_at_0_and_100() {
    List<AccountUsage> peers = List.of(electricity("a", "10"), electricity("b", "20"), electricity("c", "30"));

    assertThat(benchmarking.benchmark(electricity("me", "5"), peers).percentile()).isEqualByComparingTo("0");
    assertThat(benchmarking.benchmark(electricity("me", "35"), peers).percentile()).isEqualByComparingTo("100");
    assertThat(benchmarking.benchmark(electricity("me", "25"), peers).percentile()).isEqualByComparingTo("66.67");
  }

  @Test
  void only_other_accounts_of_the_same_provider_and_kind_with_usage_are_peers_each_once() {
    List<AccountUsage> candidates =
        List.of(
            electricity("me", "99"),
            electricity("a", "10"),
            electricity("a", "50"),
            new AccountUsage("b", "other-utility", UsageKind.ELECTRICITY, new BigDecimal("1"), UsageUnit.KWH),
            new AccountUsage("c", "sandbox-utility", UsageKind.GAS, new BigDecimal("1"), UsageUnit.THERM),
            new AccountUsage("d", "sandbox-utility", UsageKind.ELECTRICITY, null, UsageUnit.KWH),
            new AccountUsage("e", "sandbox-utility", UsageKind.ELECTRICITY, new BigDecimal("30000"), UsageUnit.WH));

    BenchmarkReport report = benchmarking.benchmark(electricity("me", "20"), candidates);

    // a at 10 kWh (its first entry) and e at 30 kWh (stored in Wh).
    assertThat(report.peerCount()).isEqualTo(2);
    assertThat(report.peersBelow()).isEqualTo(1);
    assertThat(report.peersAbove()).isEqualTo(1);
    assertThat(report.percentile()).isEqualByComparingTo("50");
    assertThat(report.peerMedianDailyUsage()).isEqualByComparingTo("20");
  }

  @Test
  void without_peers_there_is_no_percentile() {
    BenchmarkReport report = benchmarking.benchmark(electricity("me", "20"), List.of(electricity("me", "20")));

    assertThat(report.status()).isEqualTo(AnalysisStatus.INSUFFICIENT_DATA);
    assertThat(report.peerCount()).isZero();
    assertThat(report.percentile()).isNull();
    assertThat(report.peerMedianDailyUsage()).isNull();
    assertThat(report.statusDetail()).isEqualTo("no other account of this provider and kind has usage yet");
  }

  @Test
  void an_account_without_usage_is_not_ranked_but_its_peers_are_counted() {
    AccountUsage none = new AccountUsage("me", "sandbox-utility", UsageKind.ELECTRICITY, null, UsageUnit.KWH);

    BenchmarkReport report = benchmarking.benchmark(none, List.of(electricity("a", "10")));

    assertThat(report.status()).isEqualTo(AnalysisStatus.INSUFFICIENT_DATA);
    assertThat(report.percentile()).isNull();
    assertThat(report.peerCount()).isEqualTo(1);
  }

  @Test
  void account_usage_is_read_from_an_insights_report() {
    InsightsReport insights =
        new Insights().derive(Readings.usable(Readings.days(Readings.NEW_YORK, java.time.LocalDate.of(2026, 2, 2), 7,
            Readings.QUARTER_HOUR, UsageUnit.WH, Readings.constant("100"))));

    AccountUsage usage = AccountUsage.of("sandbox-utility", insights);

    assertThat(usage.accountId()).isEqualTo("acct-1");
    assertThat(usage.averageDailyUsage()).isEqualByComparingTo("9.6");
    assertThat(usage.unit()).isEqualTo(UsageUnit.KWH);
    assertThat(usage.kind()).isEqualTo(UsageKind.ELECTRICITY);
  }
}
