package dev.feedlink.schemas;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/** Looks up the generated class of an event by its simple name. */
public final class EventTypes {

  public static final String NAMESPACE = "dev.feedlink.events";

  public static Schema schemaOf(String simpleName) {
    try {
      Class<?> type = Class.forName(NAMESPACE + "." + simpleName);
      return SpecificData.get().getSchema(type);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "no generated class for event " + simpleName + "; compile the schemas module first", e);
    }
  }

  private EventTypes() {}
}
