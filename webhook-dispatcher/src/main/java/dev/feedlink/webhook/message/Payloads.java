package dev.feedlink.webhook.message;

import java.io.StringWriter;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes webhook payloads with Jackson's streaming generator, so field order and number text are
 * exactly what is written: decimals go out as given ({@code 0.80}, never {@code 0.8} or
 * {@code 8.0E-1}).
 */
public final class Payloads {

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private Payloads() {}

  /** The fields written by {@code fields} as one JSON object. */
  public static String object(Consumer<JsonGenerator> fields) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      fields.accept(g);
      g.writeEndObject();
    }
    return out.toString();
  }
}
