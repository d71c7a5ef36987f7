package dev.feedlink.schemas;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * Finds a writer schema by the 64-bit fingerprint that Avro's single-object encoding puts in every
 * message. Filled with every kept version, so a message written by an older or newer service
 * version is still readable.
 */
public final class EventSchemaStore implements SchemaStore {

  private static final EventSchemaStore KEPT = fromHistory(SchemaHistory.fromClasspath());

  private final Map<Long, Schema> byFingerprint = new ConcurrentHashMap<>();

  /** The store holding every version kept in this build's schema history. */
  public static EventSchemaStore kept() {
    return KEPT;
  }

  public static EventSchemaStore fromHistory(SchemaHistory history) {
    EventSchemaStore store = new EventSchemaStore();
    history.all().values().stream()
        .flatMap(Collection::stream)
        .forEach(kept -> store.add(kept.schema()));
    return store;
  }

  public static EventSchemaStore of(Schema... schemas) {
    EventSchemaStore store = new EventSchemaStore();
    for (Schema schema : schemas) {
      store.add(schema);
    }
    return store;
  }

  public static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  public void add(Schema schema) {
    byFingerprint.putIfAbsent(fingerprint(schema), schema);
  }

  @Override
  public Schema findByFingerprint(long fingerprint) {
    return byFingerprint.get(fingerprint);
  }

  public int size() {
    return byFingerprint.size();
  }
}
