package dev.feedlink.pipeline.data.domain;

import dev.feedlink.pipeline.provider.domain.BankBalance;
import java.time.Instant;

/** A balance as it was at a time (the session that saw it change). */
public record BalanceSnapshot(Instant asOf, BankBalance balance) {}
