package dev.feedlink.pipeline.analytics.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The readings on the grid reduced to one per interval: copies with the same value collapse into
 * one, copies that disagree are all left out (none is known right).
 *
 * @param kept one reading per interval without a conflict, in time order
 * @param present every interval start that has a reading, conflicts included, in time order
 * @param copiesCollapsed readings dropped as identical copies of a kept one
 */
record OneReadingPerInterval(List<Candidate> kept, List<Instant> present, int copiesCollapsed) {

  // Within an interval, an order of the readings' own, so the input's order never decides which
  // copy is kept or how a conflict reads.
  private static final Comparator<Candidate> ORDER =
      Comparator.comparing((Candidate candidate) -> candidate.reading().start())
          .thenComparing(Candidate::value)
          .thenComparing(candidate -> candidate.reading().unit())
          .thenComparing(candidate -> candidate.reading().usage().scale())
          .thenComparing(candidate -> candidate.reading().end())
          .thenComparing(candidate -> candidate.reading().quality(), Comparator.nullsFirst(Comparator.naturalOrder()));

  static OneReadingPerInterval of(List<Candidate> onGrid, UsageUnit unit, Findings findings) {
    List<Candidate> sorted = new ArrayList<>(onGrid);
    sorted.sort(ORDER);
    List<Candidate> kept = new ArrayList<>();
    List<Instant> present = new ArrayList<>();
    int collapsed = 0;
    for (int from = 0; from < sorted.size(); ) {
      Candidate first = sorted.get(from);
      int to = from + 1;
      while (to < sorted.size() && sorted.get(to).reading().start().equals(first.reading().start())) {
        to++;
      }
      List<Candidate> sameStart = sorted.subList(from, to);
      present.add(first.reading().start());
      if (sameStart.size() == 1) {
        kept.add(first);
      } else if (sameStart.get(sameStart.size() - 1).value().compareTo(first.value()) == 0) {
        // Sorted by value: the first and last agree only when all do.
        findings.duplicate(first, sameStart.size(), unit);
        collapsed += sameStart.size() - 1;
        kept.add(first);
      } else {
        findings.conflicting(sameStart, unit);
      }
      from = to;
    }
    return new OneReadingPerInterval(kept, present, collapsed);
  }
}
