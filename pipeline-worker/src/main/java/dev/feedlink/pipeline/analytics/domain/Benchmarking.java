package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Substage "Benchmarking": the account's percentile among its peers on average daily usage.
 *
 * <p>Peers are the other accounts of the same provider and kind with a known average daily usage
 * in a convertible unit; the account itself and repeated account ids count once or not at all, so
 * the pipeline may pass every stored {@link AccountUsage} of the provider. The percentile is the
 * share of peers using less, ties counting half (the mid-rank): it stays in [0, 100], rises with
 * usage, and is fair with a handful of peers.
 */
public final class Benchmarking {

  private static final String METHOD =
      "mid-rank percentile of average daily usage among the other accounts of the same provider and kind:"
          + " 100 x (peers below + half the peers equal) / peers";

  /**
   * Ranks {@code subject} among {@code candidates}.
   *
   * @param candidates stored usage of other accounts; those of another provider or kind are ignored,
   *     and of an account id given twice the first counts
   */
  public BenchmarkReport benchmark(AccountUsage subject, Collection<AccountUsage> candidates) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(candidates, "candidates");
    List<BigDecimal> peers = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    seen.add(subject.accountId());
    for (AccountUsage candidate : candidates) {
      if (candidate.providerId().equals(subject.providerId())
          && candidate.kind() == subject.kind()
          && candidate.averageDailyUsage() != null
          && candidate.unit().convertibleTo(subject.unit())
          && seen.add(candidate.accountId())) {
        peers.add(candidate.unit().convert(candidate.averageDailyUsage(), subject.unit()));
      }
    }
    BigDecimal usage = subject.averageDailyUsage();
    if (usage == null) {
      return report(subject, AnalysisStatus.INSUFFICIENT_DATA, "the account has no usable day", peers.size(), 0, 0, 0, null, peers);
    }
    int below = 0;
    int equal = 0;
    int above = 0;
    for (BigDecimal peer : peers) {
      int order = peer.compareTo(usage);
      if (order < 0) {
        below++;
      } else if (order == 0) {
        equal++;
      } else {
        above++;
      }
    }
    if (peers.isEmpty()) {
      return report(
          subject, AnalysisStatus.INSUFFICIENT_DATA, "no other account of this provider and kind has usage yet", 0, 0, 0, 0, null, peers);
    }
    BigDecimal percentile =
        Figures.ratio(
            BigDecimal.valueOf(2L * below + equal)
                .multiply(Figures.HUNDRED)
                .divide(BigDecimal.valueOf(2L * peers.size()), RobustStatistics.MATH));
    return report(
        subject,
        AnalysisStatus.COMPLETE,
        "ranked among " + peers.size() + (peers.size() == 1 ? " peer" : " peers"),
        peers.size(),
        below,
        equal,
        above,
        percentile,
        peers);
  }

  private static BenchmarkReport report(
      AccountUsage subject,
      AnalysisStatus status,
      String detail,
      int peerCount,
      int below,
      int equal,
      int above,
      BigDecimal percentile,
      List<BigDecimal> peers) {
    return new BenchmarkReport(
        subject.accountId(),
        subject.providerId(),
        subject.kind(),
        subject.unit().symbol(),
        status,
        detail,
        METHOD,
        Figures.usage(subject.averageDailyUsage()),
        peerCount,
        below,
        equal,
        above,
        percentile,
        peers.isEmpty() ? null : Figures.usage(RobustStatistics.median(RobustStatistics.sorted(peers))));
  }
}
