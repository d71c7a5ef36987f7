package dev.feedlink.sandbox.energy;

import dev.feedlink.sandbox.energy.domain.Bill;
import dev.feedlink.sandbox.energy.domain.Commodity;
import dev.feedlink.sandbox.energy.domain.MeterDay;
import dev.feedlink.sandbox.login.domain.ProviderAccount;
import java.time.Instant;
import java.util.List;

/**
 * What one account contributes to a Green Button feed.
 *
 * @param describedSince when the account's descriptive entries (UsagePoint, MeterReading,
 *     ReadingType) were published: the start of its history
 */
record MeterFeed(ProviderAccount account, Commodity commodity, Instant describedSince, List<MeterDay> days, List<Bill> bills) {}
