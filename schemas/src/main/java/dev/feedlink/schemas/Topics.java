package dev.feedlink.schemas;

import java.util.List;

/**
 * The Kafka topics the services exchange events on. Every topic is keyed by the id whose order
 * matters (the connection id, except the provider catalogue), and has a dead-letter twin named
 * {@code <topic>.DLT} for messages no consumer can read.
 */
public final class Topics {

  /** SessionRequested, UserInputProvided: connection-service to pipeline-worker. */
  public static final String SESSION_COMMANDS = "feedlink.session.commands";

  /** SessionStatusChanged, AccountsLinked: pipeline-worker to everyone. */
  public static final String SESSION_STATUS = "feedlink.session.status";

  /** DataAvailable, NoNewData, ReconnectionFailed: pipeline-worker to stream-scheduler and webhooks. */
  public static final String DATA_OUTCOMES = "feedlink.data.outcomes";

  /** ConnectionStatusChanged, ConnectionLifecycleChanged: connection-service to everyone. */
  public static final String CONNECTION_EVENTS = "feedlink.connection.events";

  /** RefreshJobRequested: stream-scheduler to pipeline-worker. */
  public static final String REFRESH_JOBS = "feedlink.refresh.jobs";

  /** StreamScheduleChanged, StreamAttemptRecorded: stream-scheduler to webhooks. */
  public static final String STREAM_EVENTS = "feedlink.stream.events";

  /** ProviderCatalogued: pipeline-worker to connection-service. Compacted, keyed by provider id. */
  public static final String PROVIDER_CATALOG = "feedlink.provider.catalog";

  public static final String DEAD_LETTER_SUFFIX = ".DLT";

  public static final List<String> ALL =
      List.of(
          SESSION_COMMANDS,
          SESSION_STATUS,
          DATA_OUTCOMES,
          CONNECTION_EVENTS,
          REFRESH_JOBS,
          STREAM_EVENTS,
          PROVIDER_CATALOG);

  public static String deadLetterOf(String topic) {
    return topic + DEAD_LETTER_SUFFIX;
  }

  private Topics() {}
}
