package dev.feedlink.pipeline.analytics.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** The findings of one cleaning run as they are made, each with a reason in local time. */
final class Findings {

  private final ZoneId zone;
  private final List<CleaningFinding> findings = new ArrayList<>();
  private int excludedReadings;

  Findings(ZoneId zone) {
    this.zone = zone;
  }

  /** Leaves the reading out of the usable view, saying why. */
  void exclude(Candidate candidate, FindingKind kind, BigDecimal expected, UsageUnit unit, String why) {
    excludedReadings++;
    add(candidate, kind, expected, unit, true, why);
  }

  void excludeAll(List<Candidate> candidates, FindingKind kind, UsageUnit unit, String why) {
    for (Candidate candidate : candidates) {
      exclude(candidate, kind, null, unit, why);
    }
  }

  void duplicate(Candidate kept, int copies, UsageUnit unit) {
    add(kept, FindingKind.DUPLICATE, null, unit, false,
        copies + " readings of this interval have the same value; one is used");
  }

  void conflicting(List<Candidate> sameStart, UsageUnit unit) {
    excludedReadings += sameStart.size();
    String values =
        sameStart.stream().map(c -> Figures.quantity(c.value(), unit.symbol())).collect(Collectors.joining(", "));
    Candidate first = sameStart.get(0);
    findings.add(
        new CleaningFinding(
            FindingKind.CONFLICTING_DUPLICATE,
            first.reading().start(),
            first.reading().end(),
            first.value(),
            null,
            unit.symbol(),
            true,
            sameStart.size() + " readings of the interval " + span(first.reading().start(), first.reading().end())
                + " disagree (" + values + "); none is used, as none is known right"));
  }

  void providerQuality(Candidate candidate, UsageUnit unit) {
    add(candidate, FindingKind.PROVIDER_QUALITY_FLAG, null, unit, false,
        "the provider marks it " + candidate.reading().quality() + " (ESPI quality "
            + candidate.reading().quality().espiCode() + "); it is kept as the provider's value");
  }

  void gaps(List<Instant> present, IntervalGrid grid, UsageUnit unit) {
    Instant previous = null;
    for (Instant start : present) {
      if (previous != null) {
        Instant gapStart = previous.plusSeconds(grid.lengthSeconds());
        long missing = grid.slotsBetween(gapStart, start);
        if (missing > 0) {
          findings.add(
              new CleaningFinding(
                  FindingKind.GAP,
                  gapStart,
                  start,
                  null,
                  null,
                  unit.symbol(),
                  false,
                  missing + (missing == 1 ? " interval" : " intervals") + " missing from "
                      + span(gapStart, start)));
        }
      }
      previous = start;
    }
  }

  void billMismatch(Bill bill, BigDecimal billed, BigDecimal measured, UsageUnit unit, BigDecimal relative) {
    findings.add(
        new CleaningFinding(
            FindingKind.BILL_USAGE_MISMATCH,
            bill.periodStart(),
            bill.periodEnd(),
            billed,
            measured,
            unit.symbol(),
            false,
            "the bill for " + span(bill.periodStart(), bill.periodEnd()) + " states "
                + Figures.quantity(billed, unit.symbol()) + " but its readings add up to "
                + Figures.quantity(measured, unit.symbol())
                + (relative == null ? "" : " (" + Figures.percent(relative).toPlainString() + " % apart)")));
  }

  void billOverlap(Bill earlier, Bill later) {
    Instant end = earlier.periodEnd().isBefore(later.periodEnd()) ? earlier.periodEnd() : later.periodEnd();
    findings.add(
        new CleaningFinding(
            FindingKind.OVERLAPPING_BILLS,
            later.periodStart(),
            end,
            null,
            null,
            null,
            false,
            "the bill for " + span(later.periodStart(), later.periodEnd()) + " overlaps the bill for "
                + span(earlier.periodStart(), earlier.periodEnd())));
  }

  void add(Candidate candidate, FindingKind kind, BigDecimal expected, UsageUnit unit, boolean excluded, String why) {
    IntervalReading reading = candidate.reading();
    findings.add(
        new CleaningFinding(
            kind,
            reading.start(),
            reading.end(),
            candidate.value(),
            expected,
            unit.symbol(),
            excluded,
            "reading of " + Figures.quantity(candidate.value(), unit.symbol()) + " for "
                + span(reading.start(), reading.end()) + ": " + why));
  }

  int excludedReadings() {
    return excludedReadings;
  }

  List<CleaningFinding> sorted() {
    return findings.stream()
        .sorted(
            Comparator.comparing(CleaningFinding::start)
                .thenComparing(CleaningFinding::kind)
                .thenComparing(CleaningFinding::end)
                .thenComparing(CleaningFinding::reason))
        .toList();
  }

  private String span(Instant start, Instant end) {
    return Figures.local(start, zone) + " to " + Figures.local(end, zone);
  }
}
