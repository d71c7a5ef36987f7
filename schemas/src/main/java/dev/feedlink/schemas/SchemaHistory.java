package dev.feedlink.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.avro.Schema;

/**
 * Every released version of every event schema, as kept under {@code avro-history/} on the
 * classpath. {@code avro-history/INDEX} lists the files ({@code <full name>/v<n>.avsc}); each file
 * is a self-contained schema. Nothing is ever removed from here: a reader needs the writer's exact
 * schema for as long as a message written with it may still be on a topic.
 */
public final class SchemaHistory {

  public static final String ROOT = "avro-history/";
  public static final String INDEX = ROOT + "INDEX";

  /** One kept version of one schema. */
  public record KeptVersion(String fullName, int version, Schema schema) {}

  private final Map<String, List<KeptVersion>> byName;

  private SchemaHistory(Map<String, List<KeptVersion>> byName) {
    this.byName = byName;
  }

  public static SchemaHistory fromClasspath() {
    ClassLoader loader = SchemaHistory.class.getClassLoader();
    List<String> entries =
        read(loader, INDEX)
            .lines()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList();
    return load(entries, path -> read(loader, ROOT + path));
  }

  /** The kept versions in a source folder (used by the release tool, before anything is on the classpath). */
  public static SchemaHistory fromPaths(Path root, List<String> entries) {
    return load(
        entries,
        path -> {
          try {
            return Files.readString(root.resolve(path));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static SchemaHistory load(List<String> entries, Function<String, String> reader) {
    Map<String, List<KeptVersion>> byName = new TreeMap<>();
    for (String path : entries) {
      KeptVersion kept = parse(path, reader.apply(path));
      byName.computeIfAbsent(kept.fullName(), n -> new ArrayList<>()).add(kept);
    }
    byName.values().forEach(v -> v.sort(Comparator.comparingInt(KeptVersion::version)));
    return new SchemaHistory(byName);
  }

  /** Parses one kept file; its path must be {@code <full name>/v<n>.avsc}. */
  public static KeptVersion parse(String path, String json) {
    int slash = path.indexOf('/');
    if (slash < 0 || !path.endsWith(".avsc") || path.charAt(slash + 1) != 'v') {
      throw new IllegalArgumentException(
          "kept schema path must be <full name>/v<n>.avsc, was: " + path);
    }
    String fullName = path.substring(0, slash);
    int version = Integer.parseInt(path.substring(slash + 2, path.length() - ".avsc".length()));
    Schema schema = new Schema.Parser().parse(json);
    if (!schema.getFullName().equals(fullName)) {
      throw new IllegalArgumentException(
          path + " holds " + schema.getFullName() + ", not " + fullName);
    }
    return new KeptVersion(fullName, version, schema);
  }

  public Map<String, List<KeptVersion>> all() {
    return byName;
  }

  public List<KeptVersion> versionsOf(String fullName) {
    return byName.getOrDefault(fullName, List.of());
  }

  private static String read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
