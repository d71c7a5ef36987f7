package dev.feedlink.pipeline.processing;

import dev.feedlink.pipeline.analytics.domain.AccountUsage;
import dev.feedlink.pipeline.analytics.domain.Benchmarking;
import dev.feedlink.pipeline.analytics.domain.Bill;
import dev.feedlink.pipeline.analytics.domain.CleaningOutcome;
import dev.feedlink.pipeline.analytics.domain.Forecasting;
import dev.feedlink.pipeline.analytics.domain.HistoricalDataCleaning;
import dev.feedlink.pipeline.analytics.domain.Insights;
import dev.feedlink.pipeline.analytics.domain.InsightsReport;
import dev.feedlink.pipeline.analytics.domain.IntervalReading;
import dev.feedlink.pipeline.analytics.domain.Monitoring;
import dev.feedlink.pipeline.analytics.domain.ProcessingSubstage;
import dev.feedlink.pipeline.analytics.domain.ReadingQuality;
import dev.feedlink.pipeline.analytics.domain.UsageKind;
import dev.feedlink.pipeline.analytics.domain.UsageSeries;
import dev.feedlink.pipeline.analytics.domain.UsageUnit;
import dev.feedlink.pipeline.provider.domain.EspiLocalTime;
import dev.feedlink.pipeline.provider.domain.EspiZones;
import dev.feedlink.pipeline.provider.domain.GreenButtonStructure;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The five substages over the analytics computations: each utility account's stored readings and
 * bills become a {@link UsageSeries}; Historical Data Cleaning's usable view feeds Monitoring,
 * Forecasting and Insights; Insights' average daily usage is kept per account for Benchmarking,
 * which ranks the account among the provider's other accounts of its kind. Bank accounts have no
 * usage series: their substages have nothing to compute.
 */
public final class AnalyticsSubstages implements SubstageRunner {

  /** How far back the computations look. */
  static final long LOOKBACK_DAYS = 400;

  private static final List<ProcessingSubstage> ORDER = List.of(ProcessingSubstage.values());

  private final DatabaseClient db;
  private final ProcessingResults results;
  private final HistoricalDataCleaning cleaning = new HistoricalDataCleaning();
  private final Monitoring monitoring = new Monitoring();
  private final Forecasting forecasting = new Forecasting();
  private final Insights insights = new Insights();
  private final Benchmarking benchmarking = new Benchmarking();

  public AnalyticsSubstages(DatabaseClient db, ProcessingResults results) {
    this.db = db;
    this.results = results;
  }

  @Override
  public List<String> substages() {
    return ORDER.stream().map(ProcessingSubstage::seedName).toList();
  }

  @Override
  public Mono<Results> run(UUID sessionId, UUID providerId, List<UUID> accountIds, Instant now) {
    return Flux.fromIterable(accountIds)
        .concatMap(id -> series(id, now).flatMap(series -> compute(series, sessionId, providerId, now)))
        .collectList()
        .map(stores -> () -> Flux.fromIterable(stores).concatMap(Results::store).then());
  }

  /**
   * One account through the five substages: cleaning once, its usable view to Monitoring,
   * Forecasting and Insights, and Insights' daily usage ranked among the provider's other accounts.
   */
  private Mono<Results> compute(UsageSeries series, UUID sessionId, UUID providerId, Instant now) {
    UUID account = UUID.fromString(series.accountId());
    CleaningOutcome cleaned = cleaning.clean(series);
    Object monitored = monitoring.monitor(cleaned.usable());
    Object forecast = forecasting.forecast(cleaned.usable());
    InsightsReport derived = insights.derive(cleaned.usable());
    AccountUsage usage = AccountUsage.of(providerId.toString(), derived);
    return results.peersOf(usage).map(peers -> {
      Object benchmark = benchmarking.benchmark(usage, peers);
      List<ProcessingResults.Report> reports = List.of(
          new ProcessingResults.Report(ProcessingSubstage.HISTORICAL_DATA_CLEANING, cleaned.report()),
          new ProcessingResults.Report(ProcessingSubstage.MONITORING, monitored),
          new ProcessingResults.Report(ProcessingSubstage.FORECASTING, forecast),
          new ProcessingResults.Report(ProcessingSubstage.INSIGHTS, derived),
          new ProcessingResults.Report(ProcessingSubstage.BENCHMARKING, benchmark));
      return () -> results.saveAll(account, sessionId, reports, now).then(results.saveUsage(usage, now));
    });
  }

  /** The account's stored readings and bills as the computations take them; empty for a non-utility account. */
  private Mono<UsageSeries> series(UUID accountId, Instant now) {
    return db.sql("SELECT kind, tz_offset, dst_offset, dst_start_rule, dst_end_rule FROM account WHERE account_id = :a")
        .bind("a", accountId)
        .map(row -> {
          Optional<UsageKind> kind = kind(row.get("kind", String.class));
          Integer tz = row.get("tz_offset", Integer.class);
          if (kind.isEmpty() || tz == null) {
            return Optional.<Meta>empty();
          }
          EspiLocalTime time = new EspiLocalTime(tz, row.get("dst_offset", Integer.class), row.get("dst_start_rule", Long.class),
              row.get("dst_end_rule", Long.class));
          return Optional.of(new Meta(kind.get(), EspiZones.zoneOf(time, now)));
        })
        .one()
        .flatMap(meta -> meta.map(m -> load(accountId, m, now)).orElse(Mono.empty()));
  }

  private record Meta(UsageKind kind, ZoneId zone) {}

  private Mono<UsageSeries> load(UUID accountId, Meta meta, Instant now) {
    Instant since = now.minusSeconds(LOOKBACK_DAYS * 86_400);
    Mono<List<IntervalReading>> readings = db.sql("SELECT start_time, duration_seconds, usage, unit, quality FROM interval_reading"
            + " WHERE account_id = :a AND start_time >= :since ORDER BY start_time")
        .bind("a", accountId)
        .bind("since", since)
        .map(row -> {
          Optional<UsageUnit> unit = unit(row.get("unit", String.class));
          if (unit.isEmpty()) {
            return Optional.<IntervalReading>empty();
          }
          Instant start = row.get("start_time", Instant.class);
          Integer code = GreenButtonStructure.qualityCode(row.get("quality", String.class));
          return Optional.of(new IntervalReading(start, start.plusSeconds(row.get("duration_seconds", Integer.class)),
              row.get("usage", BigDecimal.class), unit.get(), code == null ? null : ReadingQuality.fromEspiCode(code)));
        })
        .all()
        .flatMapIterable(o -> o.map(List::of).orElse(List.of()))
        .collectList();
    Mono<List<Bill>> bills = db.sql("SELECT period_start, period_end, usage, unit, amount, currency, next_bill_date FROM bill"
            + " WHERE account_id = :a AND period_end >= :since AND period_end > period_start ORDER BY period_start")
        .bind("a", accountId)
        .bind("since", since)
        .map(row -> {
          BigDecimal usage = row.get("usage", BigDecimal.class);
          Optional<UsageUnit> unit = unit(row.get("unit", String.class));
          boolean withUsage = usage != null && unit.isPresent();
          return new Bill(row.get("period_start", Instant.class), row.get("period_end", Instant.class),
              withUsage ? usage : null, withUsage ? unit.get() : null, row.get("amount", BigDecimal.class),
              row.get("currency", String.class), row.get("next_bill_date", LocalDate.class));
        })
        .all()
        .collectList();
    return readings.zipWith(bills, (r, b) -> new UsageSeries(accountId.toString(), meta.kind(), meta.zone(), r, b));
  }

  private static Optional<UsageKind> kind(String kind) {
    return switch (kind) {
      case "electricity" -> Optional.of(UsageKind.ELECTRICITY);
      case "gas" -> Optional.of(UsageKind.GAS);
      default -> Optional.empty();
    };
  }

  private static Optional<UsageUnit> unit(String symbol) {
    return Arrays.stream(UsageUnit.values()).filter(u -> u.symbol().equals(symbol)).findFirst();
  }
}
