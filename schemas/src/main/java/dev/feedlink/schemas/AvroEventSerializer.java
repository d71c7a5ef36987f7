package dev.feedlink.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes an event in Avro's single-object encoding: the marker {@code C3 01}, the writer schema's
 * 8-byte little-endian CRC-64-AVRO fingerprint, then the binary datum. No schema registry is needed:
 * readers resolve the fingerprint against the kept schema history ({@link EventSchemaStore}).
 *
 * <p>Kept behind Kafka's {@link Serializer} so that a deployment with a Confluent Schema Registry can
 * configure its serializer instead.
 */
public final class AvroEventSerializer implements Serializer<SpecificRecord> {

  static final byte MARKER_1 = (byte) 0xC3;
  static final byte MARKER_2 = (byte) 0x01;
  static final int HEADER_LENGTH = 10;

  private final Map<Schema, Writer> writers = new ConcurrentHashMap<>();

  private record Writer(byte[] header, SpecificDatumWriter<SpecificRecord> datumWriter) {}

  @Override
  public byte[] serialize(String topic, SpecificRecord event) {
    if (event == null) {
      return null;
    }
    Writer writer = writers.computeIfAbsent(event.getSchema(), AvroEventSerializer::writerFor);
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.writeBytes(writer.header());
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      writer.datumWriter().write(event, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "cannot write " + event.getSchema().getFullName() + " for topic " + topic + ": " + e, e);
    }
    return out.toByteArray();
  }

  private static Writer writerFor(Schema schema) {
    EventSchemaStore.kept().add(schema);
    long fingerprint = EventSchemaStore.fingerprint(schema);
    byte[] header = new byte[HEADER_LENGTH];
    header[0] = MARKER_1;
    header[1] = MARKER_2;
    for (int i = 0; i < 8; i++) {
      header[2 + i] = (byte) (fingerprint >>> (8 * i));
    }
    return new Writer(header, new SpecificDatumWriter<>(schema));
  }
}
