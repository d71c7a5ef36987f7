package dev.feedlink.pipeline.analytics.domain;

import java.util.Collection;

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

  /**
   * Ranks {@code subject} among {@code candidates}.
   *
   * @param candidates stored usage of other accounts; those of another provider or kind are ignored
   */
  public BenchmarkReport benchmark(AccountUsage subject, Collection<AccountUsage> candidates) {
    throw new UnsupportedOperationException("Benchmarking is being implemented");
  }
}
