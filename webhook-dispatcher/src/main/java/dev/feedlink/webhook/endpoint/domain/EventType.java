package dev.feedlink.webhook.endpoint.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The kinds of webhook an endpoint can subscribe to; {@link #wireName} is the body's {@code type}. */
public enum EventType {
  CONNECTION_STATUS_CHANGED(
      "connection.status_changed",
      "A connection's connection_status or connection_status_reason changed (seed 000 view)."),
  CONNECTION_ACTION_REQUIRED(
      "connection.action_required",
      "The provider asks the end user for input (MFA code or method, security answer, approval,"
          + " account selection); sent alongside connection.status_changed."),
  DATA_AVAILABLE(
      "data.available",
      "A session stored records never delivered before: intervals, bills or bank data, inline or"
          + " as a link to the data API."),
  STREAM_NO_NEW_DATA("stream.no_new_data", "A scheduled Stream refresh found nothing new."),
  STREAM_RECONNECTION_FAILED(
      "stream.reconnection_failed",
      "A scheduled Stream refresh could not log in: 40101 credentials, 40102 MFA."),
  ENDPOINT_DISABLED(
      "endpoint.disabled",
      "One of the app's endpoints was disabled (410 Gone, or failing too long); sent to its other"
          + " endpoints.");

  private final String wireName;
  private final String description;

  EventType(String wireName, String description) {
    this.wireName = wireName;
    this.description = description;
  }

  public String wireName() {
    return wireName;
  }

  public String description() {
    return description;
  }

  /** Whether messages of this type concern one connection (and so carry a sequence). */
  public boolean aboutAConnection() {
    return this != ENDPOINT_DISABLED;
  }

  public static Optional<EventType> fromWire(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(EventType::wireName).toList();
  }
}
