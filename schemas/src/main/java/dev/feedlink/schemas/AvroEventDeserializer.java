package dev.feedlink.schemas;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads any event written by {@link AvroEventSerializer}: finds the writer schema by fingerprint in
 * the kept history, and resolves it to this build's generated class of the same name (Avro schema
 * resolution fills added fields with their defaults and drops removed ones). One topic may therefore
 * carry several event types.
 */
public final class AvroEventDeserializer implements Deserializer<SpecificRecord> {

  private final EventSchemaStore store;
  private final Map<Long, SpecificDatumReader<SpecificRecord>> readers = new ConcurrentHashMap<>();

  public AvroEventDeserializer() {
    this(EventSchemaStore.kept());
  }

  public AvroEventDeserializer(EventSchemaStore store) {
    this.store = store;
  }

  @Override
  public SpecificRecord deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (data.length < AvroEventSerializer.HEADER_LENGTH
        || data[0] != AvroEventSerializer.MARKER_1
        || data[1] != AvroEventSerializer.MARKER_2) {
      throw new UnreadableEventException(
          "message on " + topic + " is not an Avro single-object encoded event (" + data.length
              + " bytes, no C3 01 marker)");
    }
    long fingerprint = 0;
    for (int i = 0; i < 8; i++) {
      fingerprint |= (data[2 + i] & 0xFFL) << (8 * i);
    }
    SpecificDatumReader<SpecificRecord> reader = readerFor(topic, fingerprint);
    BinaryDecoder decoder =
        DecoderFactory.get()
            .binaryDecoder(
                data,
                AvroEventSerializer.HEADER_LENGTH,
                data.length - AvroEventSerializer.HEADER_LENGTH,
                null);
    try {
      return reader.read(null, decoder);
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
      throw new UnreadableEventException(
          "corrupt " + reader.getSchema().getFullName() + " on " + topic + ": " + e.getMessage(), e);
    }
  }

  private SpecificDatumReader<SpecificRecord> readerFor(String topic, long fingerprint) {
    SpecificDatumReader<SpecificRecord> cached = readers.get(fingerprint);
    if (cached != null) {
      return cached;
    }
    Schema writer = store.findByFingerprint(fingerprint);
    if (writer == null) {
      throw new UnreadableEventException(
          String.format(
              "message on %s was written with schema fingerprint %016x, which this build does not"
                  + " keep (is the producer newer than every kept version?)",
              topic, fingerprint));
    }
    Class<?> type = SpecificData.get().getClass(writer);
    if (type == null || !SpecificRecord.class.isAssignableFrom(type)) {
      throw new UnreadableEventException(
          "message on " + topic + " is a " + writer.getFullName() + ", which this build has no class for");
    }
    Schema readerSchema = SpecificData.get().getSchema(type);
    SpecificDatumReader<SpecificRecord> reader = new SpecificDatumReader<>(writer, readerSchema);
    readers.put(fingerprint, reader);
    return reader;
  }
}
