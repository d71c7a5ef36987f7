package dev.feedlink.schemas;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaNormalization;

/**
 * The build's schema-evolution rule: the current schema of an event must be kept as its newest
 * version, and must be both backward compatible (it reads what every kept version wrote) and
 * forward compatible (every kept version reads what it writes). Services are deployed one at a time,
 * so readers and writers of different versions run side by side.
 */
public final class SchemaEvolutionCheck {

  private SchemaEvolutionCheck() {}

  /** Problems, each a sentence naming the schema and the versions; empty when the change is safe. */
  public static List<String> check(Schema current, List<SchemaHistory.KeptVersion> kept) {
    List<String> problems = new ArrayList<>();
    String name = current.getFullName();
    if (kept.isEmpty()) {
      problems.add(name + " is not kept in avro-history: release it as v1 (see schemas/README.md)");
      return problems;
    }
    SchemaHistory.KeptVersion newest = kept.get(kept.size() - 1);
    if (!sameSchema(current, newest.schema())) {
      problems.add(
          name + " differs from its newest kept version v" + newest.version()
              + ": release it as v" + (newest.version() + 1) + " (see schemas/README.md)");
    }
    for (SchemaHistory.KeptVersion old : kept) {
      problems.addAll(compare(name, "v" + old.version(), old.schema(), current));
    }
    return problems;
  }

  /** Backward and forward compatibility of a candidate schema against one older version. */
  public static List<String> compare(String name, String oldLabel, Schema old, Schema candidate) {
    List<String> problems = new ArrayList<>();
    SchemaPairCompatibility backward = SchemaCompatibility.checkReaderWriterCompatibility(candidate, old);
    if (backward.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      problems.add(
          name + ": the current schema cannot read data written with " + oldLabel
              + " (not backward compatible): " + describe(backward));
    }
    SchemaPairCompatibility forward = SchemaCompatibility.checkReaderWriterCompatibility(old, candidate);
    if (forward.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      problems.add(
          name + ": " + oldLabel + " cannot read data written with the current schema"
              + " (not forward compatible): " + describe(forward));
    }
    return problems;
  }

  static boolean sameSchema(Schema a, Schema b) {
    // Parsing canonical form ignores docs and defaults, so compare the full JSON as well: a changed
    // default is a change readers see.
    return SchemaNormalization.toParsingForm(a).equals(SchemaNormalization.toParsingForm(b))
        && a.toString().equals(b.toString());
  }

  private static String describe(SchemaPairCompatibility result) {
    StringBuilder out = new StringBuilder();
    result.getResult().getIncompatibilities().forEach(
        i -> out.append(i.getType()).append(" at ").append(i.getLocation()).append(" (")
            .append(i.getMessage()).append("); "));
    return out.toString();
  }
}
