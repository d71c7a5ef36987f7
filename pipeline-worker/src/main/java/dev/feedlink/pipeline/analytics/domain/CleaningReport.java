package dev.feedlink.pipeline.analytics.domain;

import java.time.Instant;
import java.util.List;

/**
 * What Historical Data Cleaning found in one account's data. It describes the data and never
 * changes it; the values the later substages use are in the separate {@link UsableSeries}.
 *
 * @param unit the symbol of the unit the series is analysed in (e.g. {@code kWh}); Wh and MWh
 *     readings are analysed in kWh
 * @param intervalSeconds the series' interval length (the most common reading span), or {@code
 *     null} when there is no reading
 * @param firstIntervalStart start of the first interval on the grid, or {@code null}
 * @param lastIntervalEnd end of the last interval on the grid, or {@code null}
 * @param readingsReceived readings in the input, duplicates included
 * @param readingsUsable readings in the usable view (one per interval)
 * @param readingsExcluded readings left out (each has a finding with {@code
 *     excludedFromAnalysis})
 * @param readingsCollapsed extra copies of identical duplicates, collapsed into the one kept; so
 *     {@code readingsReceived = readingsUsable + readingsExcluded + readingsCollapsed}
 * @param expectedIntervals intervals on the grid from the first to the last
 * @param missingIntervals those without any reading (the sum of the gaps)
 * @param daysCovered local days from the first reading's to the last reading's
 * @param daysUsable of those, days with enough usable intervals for daily figures
 * @param daylightSavingDays the DST days in the data and whether each is complete
 * @param findingCounts findings per kind, every kind listed (zero included), in {@link
 *     FindingKind} order
 * @param findings every finding, ordered by start then kind
 * @param outlierMethod how outliers were judged, with the threshold used
 */
public record CleaningReport(
    String accountId,
    UsageKind kind,
    String timeZone,
    String unit,
    Long intervalSeconds,
    Instant firstIntervalStart,
    Instant lastIntervalEnd,
    int readingsReceived,
    int readingsUsable,
    int readingsExcluded,
    int readingsCollapsed,
    long expectedIntervals,
    long missingIntervals,
    int daysCovered,
    int daysUsable,
    List<DaylightSavingDay> daylightSavingDays,
    List<FindingCount> findingCounts,
    List<CleaningFinding> findings,
    String outlierMethod) {

  public CleaningReport {
    daylightSavingDays = List.copyOf(daylightSavingDays);
    findingCounts = List.copyOf(findingCounts);
    findings = List.copyOf(findings);
  }

  /** The findings of one kind, in report order. */
  public List<CleaningFinding> findingsOf(FindingKind kind) {
    return findings.stream().filter(finding -> finding.kind() == kind).toList();
  }
}
