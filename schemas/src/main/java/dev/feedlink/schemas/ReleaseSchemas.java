package dev.feedlink.schemas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * Keeps the current schema of every event as a new version in {@code avro-history} when it changed,
 * after checking it against every kept version. Run from the repository root:
 * {@code ./mvnw -q -pl schemas compile exec:java}.
 */
public final class ReleaseSchemas {

  public static void main(String[] args) throws IOException {
    Path module = Path.of(args.length > 0 ? args[0] : "schemas");
    Path history = module.resolve("src/main/resources/avro-history");
    SchemaHistory kept = readHistory(history);
    List<String> problems = new ArrayList<>();
    List<String> released = new ArrayList<>();
    for (Schema current : currentEvents(module)) {
      List<SchemaHistory.KeptVersion> versions = kept.versionsOf(current.getFullName());
      for (SchemaHistory.KeptVersion old : versions) {
        problems.addAll(
            SchemaEvolutionCheck.compare(current.getFullName(), "v" + old.version(), old.schema(), current));
      }
      boolean changed =
          versions.isEmpty()
              || !SchemaEvolutionCheck.sameSchema(current, versions.get(versions.size() - 1).schema());
      if (changed) {
        int next = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
        Path file = history.resolve(current.getFullName()).resolve("v" + next + ".avsc");
        released.add(history.relativize(file).toString());
        if (problems.isEmpty()) {
          Files.createDirectories(file.getParent());
          Files.writeString(file, current.toString(true) + "\n");
        }
      }
    }
    if (!problems.isEmpty()) {
      problems.forEach(System.err::println);
      throw new IllegalStateException("not released: " + problems.size() + " compatibility problem(s)");
    }
    writeIndex(history);
    released.forEach(r -> System.out.println("kept " + r));
    if (released.isEmpty()) {
      System.out.println("every event schema is already kept");
    }
  }

  /** The event schemas as the generated classes hold them (every top-level file in src/main/avro). */
  static List<Schema> currentEvents(Path module) throws IOException {
    List<Schema> schemas = new ArrayList<>();
    try (Stream<Path> files = Files.list(module.resolve("src/main/avro"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
        String name = file.getFileName().toString().replace(".avsc", "");
        schemas.add(EventTypes.schemaOf(name));
      }
    }
    return schemas;
  }

  static SchemaHistory readHistory(Path history) throws IOException {
    if (!Files.exists(history.resolve("INDEX"))) {
      return SchemaHistory.fromPaths(history, List.of());
    }
    return SchemaHistory.fromPaths(history, indexEntries(history));
  }

  static List<String> indexEntries(Path history) throws IOException {
    try (Stream<Path> files = Files.walk(history)) {
      return files
          .filter(f -> f.toString().endsWith(".avsc"))
          .map(f -> history.relativize(f).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  private static void writeIndex(Path history) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("# Every kept schema version; written by ReleaseSchemas, never edit by hand.");
    lines.addAll(indexEntries(history));
    Files.writeString(history.resolve("INDEX"), String.join("\n", lines) + "\n");
  }

  private ReleaseSchemas() {}
}
