package dev.feedlink.pipeline.analytics.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Substage "Historical Data Cleaning": finds what is wrong with an account's readings and bills,
 * and says so, without changing a value.
 *
 * <p>It works on the interval grid: the series' interval length is the most common reading span
 * and its phase the most common start offset, so days are counted on real instants and a DST day's
 * 92 or 100 quarter-hours are complete, not a gap. Findings: gaps, duplicates (identical: one kept;
 * conflicting: none kept), negative readings, outliers (robust z-score per local hour of day × day
 * type × month), spans of the wrong length, starts off the grid, units that do not convert,
 * provider quality flags, bills that disagree with their readings or overlap.
 */
public final class HistoricalDataCleaning {

  private final CleaningSettings settings;

  public HistoricalDataCleaning() {
    this(CleaningSettings.defaults());
  }

  public HistoricalDataCleaning(CleaningSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Cleans one account's series.
   *
   * @return the report of findings and the usable view for the next substages; an empty series
   *     gives an empty report and an empty view
   */
  public CleaningOutcome clean(UsageSeries series) {
    Objects.requireNonNull(series, "series");
    UsageUnit unit = reportingUnit(series);
    Findings findings = new Findings(series.zone());
    List<IntervalReading> incompatible = new ArrayList<>();
    List<Candidate> compatible = screenUnits(series, unit, findings, incompatible);
    IntervalGrid grid = gridOf(compatible);
    if (grid == null) {
      findings.excludeAll(compatible, FindingKind.INCONSISTENT_INTERVAL_LENGTH, unit, "its span is not positive");
      return assemble(series, unit, null, List.of(), List.of(), findings, 0);
    }
    List<Candidate> onGrid = screenGrid(compatible, grid, unit, findings);
    OneReadingPerInterval collapsed = OneReadingPerInterval.of(onGrid, unit, findings);
    List<Instant> present = new ArrayList<>(collapsed.present());
    // An interval whose only reading is excluded still has a reading: it is reported, not a gap.
    boolean added = false;
    for (IntervalReading reading : incompatible) {
      if (reading.lengthSeconds() == grid.lengthSeconds() && grid.isOnGrid(reading.start())) {
        present.add(reading.start());
        added = true;
      }
    }
    if (added) {
      present = present.stream().sorted().distinct().toList();
    }
    List<Candidate> nonNegative = new ArrayList<>();
    for (Candidate candidate : collapsed.kept()) {
      if (candidate.value().signum() < 0) {
        findings.exclude(
            candidate, FindingKind.NEGATIVE_READING, null, unit, "a consumption reading cannot be negative");
      } else {
        nonNegative.add(candidate);
      }
    }
    OutlierScreen outliers = new OutlierScreen(settings, series.zone(), unit);
    List<Candidate> usable = outliers.screen(nonNegative, findings);
    findings.gaps(present, grid, unit);
    return assemble(series, unit, grid, usable, present, findings, collapsed.copiesCollapsed());
  }

  private CleaningOutcome assemble(
      UsageSeries series,
      UsageUnit unit,
      IntervalGrid grid,
      List<Candidate> usable,
      List<Instant> present,
      Findings findings,
      int collapsed) {
    ZoneId zone = series.zone();
    List<UsableReading> readings =
        usable.stream()
            .sorted(Comparator.comparing(candidate -> candidate.reading().start()))
            .map(c -> new UsableReading(c.reading().start(), c.reading().end(), c.value()))
            .toList();
    List<Bill> bills =
        series.bills().stream()
            .sorted(Comparator.comparing(Bill::periodStart).thenComparing(Bill::periodEnd))
            .toList();
    LocalDays localDays = new LocalDays(zone, grid, settings.minimumDayCoverage());
    List<DailyUsage> days = localDays.of(readings, present);
    List<DaylightSavingDay> dstDays = localDays.daylightSavingDays(present);
    if (grid != null) {
      new BillCheck(grid, unit, settings.billTolerance()).check(bills, readings, findings);
    }
    List<CleaningFinding> all = findings.sorted();
    Map<FindingKind, Integer> counts = new EnumMap<>(FindingKind.class);
    for (FindingKind kind : FindingKind.values()) {
      counts.put(kind, 0);
    }
    for (CleaningFinding finding : all) {
      counts.merge(finding.kind(), 1, Integer::sum);
    }
    long expected = 0;
    long missing = 0;
    Instant first = null;
    Instant lastEnd = null;
    if (grid != null && !present.isEmpty()) {
      first = present.get(0);
      lastEnd = present.get(present.size() - 1).plusSeconds(grid.lengthSeconds());
      expected = grid.slotsBetween(first, lastEnd);
      missing = expected - present.size();
    }
    CleaningReport report =
        new CleaningReport(
            series.accountId(),
            series.kind(),
            zone.getId(),
            unit.symbol(),
            grid == null ? null : grid.lengthSeconds(),
            first,
            lastEnd,
            series.readings().size(),
            readings.size(),
            findings.excludedReadings(),
            collapsed,
            expected,
            missing,
            days.size(),
            (int) days.stream().filter(DailyUsage::usable).count(),
            dstDays,
            counts.entrySet().stream().map(e -> new FindingCount(e.getKey(), e.getValue())).toList(),
            all,
            OutlierScreen.method(settings));
    UsableSeries view =
        new UsableSeries(
            series.accountId(),
            series.kind(),
            zone,
            unit,
            grid == null ? 0 : grid.lengthSeconds(),
            readings,
            days,
            bills);
    return new CleaningOutcome(report, view);
  }

  /**
   * The unit most readings are in (Wh and MWh read as kWh, the unit people are billed in); with no
   * reading, kWh for electricity and therm for gas.
   */
  static UsageUnit reportingUnit(UsageSeries series) {
    Map<UsageUnit, Integer> counts = new EnumMap<>(UsageUnit.class);
    for (IntervalReading reading : series.readings()) {
      counts.merge(reading.unit(), 1, Integer::sum);
    }
    UsageUnit dominant = null;
    for (Map.Entry<UsageUnit, Integer> entry : counts.entrySet()) {
      if (dominant == null || entry.getValue() > counts.get(dominant)) {
        dominant = entry.getKey();
      }
    }
    if (dominant == null) {
      return series.kind() == UsageKind.GAS ? UsageUnit.THERM : UsageUnit.KWH;
    }
    return dominant == UsageUnit.WH || dominant == UsageUnit.MWH ? UsageUnit.KWH : dominant;
  }

  private static List<Candidate> screenUnits(
      UsageSeries series, UsageUnit unit, Findings findings, List<IntervalReading> incompatible) {
    List<Candidate> compatible = new ArrayList<>();
    for (IntervalReading reading : series.readings()) {
      Candidate candidate;
      if (reading.unit().convertibleTo(unit)) {
        candidate = new Candidate(reading, reading.unit().convert(reading.usage(), unit));
        compatible.add(candidate);
      } else {
        candidate = new Candidate(reading, reading.usage());
        incompatible.add(reading);
        findings.exclude(
            candidate,
            FindingKind.INCOMPATIBLE_UNIT,
            null,
            reading.unit(),
            "its unit " + reading.unit().symbol() + " does not convert to the series' " + unit.symbol());
      }
      if (reading.quality() != null && reading.quality().notMeasured()) {
        findings.providerQuality(candidate, reading.unit().convertibleTo(unit) ? unit : reading.unit());
      }
    }
    return compatible;
  }

  /** The grid of the most common positive span and, among those readings, the most common phase. */
  private static IntervalGrid gridOf(List<Candidate> readings) {
    Map<Long, Integer> lengths = new HashMap<>();
    for (Candidate candidate : readings) {
      long length = candidate.reading().lengthSeconds();
      if (length > 0) {
        lengths.merge(length, 1, Integer::sum);
      }
    }
    Long length = mostCommon(lengths);
    if (length == null) {
      return null;
    }
    Map<Long, Integer> phases = new HashMap<>();
    for (Candidate candidate : readings) {
      if (candidate.reading().lengthSeconds() == length) {
        phases.merge(Math.floorMod(candidate.reading().start().getEpochSecond(), length), 1, Integer::sum);
      }
    }
    return new IntervalGrid(length, mostCommon(phases));
  }

  // The key seen most often; the smallest on a tie, so the choice never depends on input order.
  private static Long mostCommon(Map<Long, Integer> counts) {
    Long best = null;
    for (Map.Entry<Long, Integer> entry : new TreeMap<>(counts).entrySet()) {
      if (best == null || entry.getValue() > counts.get(best)) {
        best = entry.getKey();
      }
    }
    return best;
  }

  private static List<Candidate> screenGrid(
      List<Candidate> compatible, IntervalGrid grid, UsageUnit unit, Findings findings) {
    List<Candidate> onGrid = new ArrayList<>();
    for (Candidate candidate : compatible) {
      long length = candidate.reading().lengthSeconds();
      if (length != grid.lengthSeconds()) {
        findings.exclude(
            candidate,
            FindingKind.INCONSISTENT_INTERVAL_LENGTH,
            null,
            unit,
            "it spans " + length + " s where the series' intervals span " + grid.lengthSeconds() + " s");
      } else if (!grid.isOnGrid(candidate.reading().start())) {
        findings.exclude(
            candidate,
            FindingKind.MISALIGNED_INTERVAL,
            null,
            unit,
            "it starts off the series' " + grid.lengthSeconds() + " s interval grid");
      } else {
        onGrid.add(candidate);
      }
    }
    return onGrid;
  }
}
