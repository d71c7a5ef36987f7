package dev.feedlink.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.events.DataAvailable;
import dev.feedlink.events.EncryptedValue;
import dev.feedlink.events.NoNewData;
import dev.feedlink.events.PromptType;
import dev.feedlink.events.ReconnectionFailed;
import dev.feedlink.events.RefreshJobRequested;
import dev.feedlink.events.RefreshTrigger;
import dev.feedlink.events.SessionKind;
import dev.feedlink.events.SessionRequested;
import dev.feedlink.events.SessionStatusChanged;
import dev.feedlink.events.UserInputProvided;
import dev.feedlink.pipeline.data.domain.AccountIds;
import dev.feedlink.pipeline.provider.SandboxProviders;
import dev.feedlink.pipeline.provider.domain.ProviderDescriptor;
import dev.feedlink.platform.crypto.Sealed;
import dev.feedlink.platform.crypto.SecretCipher;
import dev.feedlink.platform.time.AdjustableClock;
import dev.feedlink.sandbox.RunningSandbox;
import dev.feedlink.sandbox.SandboxProviderApplication;
import dev.feedlink.schemas.AvroEventSerializer;
import dev.feedlink.schemas.SessionStatusCode;
import dev.feedlink.schemas.Topics;
import dev.feedlink.testkit.IntegrationTest;
import dev.feedlink.testkit.TestInfrastructure;
import dev.feedlink.testkit.TopicProbe;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The pipeline end to end: a pipeline-worker on the real Kafka and PostgreSQL of the testkit, the
 * real sandbox provider in-process, requests published on Kafka as connection-service and
 * stream-scheduler publish them, and what the pipeline emits read back from Kafka. Every test class
 * shares this one configuration, so one context serves them all.
 */
@IntegrationTest(properties = {
    "feedlink.pipeline.initial-history=P10D",
    "feedlink.pipeline.poll-interval=50ms",
    "feedlink.pipeline.concurrency=2",
    "feedlink.pipeline.watchdog-interval=200ms",
    "feedlink.pipeline.http.response-timeout=5s",
    "feedlink.pipeline.http.first-backoff=20ms",
    "feedlink.pipeline.http.max-retries=2",
    "feedlink.outbox.poll-interval=50ms",
    "logging.level.dev.feedlink=INFO"
})
public abstract class PipelineIntegrationTest {

  public static final String PASSWORD = "pass_good";
  protected static final Duration WAIT = Duration.ofSeconds(60);
  protected static final List<Integer> SYNCED_AFTER_LOGIN = List.of(6, 9, 2, 12, 13, 15, 21, 16, 16, 16, 16, 16, 18, 19);
  protected static final List<String> SUBSTAGES =
      List.of("Historical Data Cleaning", "Monitoring", "Forecasting", "Insights", "Benchmarking");

  /** One sandbox for the whole test JVM, its clock stopped so that data changes only when a test moves it. */
  protected static final RunningSandbox SANDBOX = Shared.SANDBOX;
  protected static final TopicProbe PROBE = Shared.PROBE;

  private static final class Shared {
    static final RunningSandbox SANDBOX = SandboxProviderApplication.start(Map.of("sandbox.clock-frozen", true));
    static final TopicProbe PROBE = new TopicProbe(Topics.SESSION_STATUS, Topics.DATA_OUTCOMES);
    static final KafkaProducer<String, byte[]> PRODUCER = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers()),
        new StringSerializer(),
        new org.apache.kafka.common.serialization.ByteArraySerializer());
    static final AvroEventSerializer SERIALIZER = new AvroEventSerializer();
  }

  @DynamicPropertySource
  static void sandbox(DynamicPropertyRegistry registry) {
    registry.add("feedlink.sandbox.base-url", SANDBOX::baseUrl);
  }

  @Autowired protected SecretCipher cipher;
  @Autowired protected AdjustableClock clock;

  /** A connection as a test drives it. */
  public record Link(UUID connectionId, ProviderDescriptor provider, String appId, String username) {

    public UUID accountId(String accountNumber) {
      return AccountIds.of(connectionId, accountNumber);
    }
  }

  protected static Link newLink(ProviderDescriptor provider, String username) {
    return new Link(UUID.randomUUID(), provider, "app-" + UUID.randomUUID(), username);
  }

  protected static Link utility(String username) {
    return newLink(SandboxProviders.ENERGY, username);
  }

  protected static Link bank(String username) {
    return newLink(SandboxProviders.BANK, username);
  }

  // --- what connection-service and stream-scheduler send -------------------------------------

  protected static void publish(String topic, String key, SpecificRecord event) {
    try {
      Shared.PRODUCER.send(new ProducerRecord<>(topic, key, Shared.SERIALIZER.serialize(topic, event))).get();
    } catch (Exception e) {
      throw new IllegalStateException("could not publish " + event.getSchema().getName(), e);
    }
  }

  private EncryptedValue seal(String secret, UUID connectionId) {
    Sealed sealed = cipher.seal(secret, connectionId.toString());
    return EncryptedValue.newBuilder()
        .setKeyId(sealed.keyId())
        .setNonce(ByteBuffer.wrap(sealed.nonce()))
        .setCiphertext(ByteBuffer.wrap(sealed.ciphertext()))
        .build();
  }

  protected UUID requestSession(Link link, SessionKind kind, String password, Instant rewindFrom, Instant rewindTo, String... dataTypes) {
    SessionRequested request = sessionRequest(link, kind, password, rewindFrom, rewindTo, dataTypes);
    publish(Topics.SESSION_COMMANDS, link.connectionId().toString(), request);
    return UUID.fromString(request.getSessionId());
  }

  /** A SessionRequested as connection-service writes it (not yet sent). */
  protected SessionRequested sessionRequest(Link link, SessionKind kind, String password, Instant rewindFrom, Instant rewindTo, String... dataTypes) {
    UUID sessionId = UUID.randomUUID();
    SessionRequested.Builder request = SessionRequested.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(clock.instant())
        .setAppId(link.appId())
        .setConnectionId(link.connectionId().toString())
        .setSessionId(sessionId.toString())
        .setProviderId(link.provider().id().toString())
        .setUserId("user-of-" + link.username())
        .setKind(kind)
        .setUsername(link.username())
        .setDataTypes(List.of(dataTypes))
        .setRewindFrom(rewindFrom)
        .setRewindTo(rewindTo);
    if (password != null) {
      request.setCredentials(seal("{\"username\":\"" + link.username() + "\",\"password\":\"" + password + "\"}", link.connectionId()));
    }
    return request.build();
  }

  protected UUID connect(Link link) {
    return requestSession(link, SessionKind.CONNECT, PASSWORD, null, null);
  }

  protected UUID connect(Link link, String password) {
    return requestSession(link, SessionKind.CONNECT, password, null, null);
  }

  /** Sends the user's answer; returns the event's id. */
  protected String answer(Link link, UUID sessionId, PromptType type, String answer) {
    String eventId = UUID.randomUUID().toString();
    publish(Topics.SESSION_COMMANDS, link.connectionId().toString(), UserInputProvided.newBuilder()
        .setEventId(eventId)
        .setOccurredAt(clock.instant())
        .setAppId(link.appId())
        .setConnectionId(link.connectionId().toString())
        .setSessionId(sessionId.toString())
        .setInputType(type)
        .setAnswer(seal(answer, link.connectionId()))
        .build());
    return eventId;
  }

  /** Waits until the pipeline's consumers applied the event (its id is marked processed). */
  protected static void awaitConsumed(String eventId) {
    Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
      try (java.sql.Connection c = TestInfrastructure.get().openJdbc();
          java.sql.PreparedStatement q = c.prepareStatement("SELECT count(*) FROM pipeline.processed_event WHERE event_id = ?")) {
        q.setString(1, eventId);
        try (java.sql.ResultSet rs = q.executeQuery()) {
          rs.next();
          return rs.getLong(1) > 0;
        }
      }
    });
  }

  protected void select(Link link, UUID sessionId, List<String> accountNumbers) {
    publish(Topics.SESSION_COMMANDS, link.connectionId().toString(), UserInputProvided.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(clock.instant())
        .setAppId(link.appId())
        .setConnectionId(link.connectionId().toString())
        .setSessionId(sessionId.toString())
        .setInputType(PromptType.ACCOUNT_SELECTION)
        .setSelectedAccountNumbers(accountNumbers)
        .build());
  }

  /** Publishes a refresh job as stream-scheduler does; returns its job id. */
  protected String refresh(Link link, String accountNumber, String dataType, RefreshTrigger trigger) {
    String jobId = UUID.randomUUID().toString();
    publish(Topics.REFRESH_JOBS, link.connectionId().toString(), RefreshJobRequested.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(clock.instant())
        .setAppId(link.appId())
        .setConnectionId(link.connectionId().toString())
        .setAccountId(link.accountId(accountNumber).toString())
        .setJobId(jobId)
        .setDataType(dataType)
        .setTrigger(trigger)
        .setScheduledFor(clock.instant())
        .build());
    return jobId;
  }

  // --- what the pipeline emits -----------------------------------------------------------------

  protected static List<SessionStatusChanged> statuses(UUID sessionId) {
    return PROBE.events(SessionStatusChanged.class).stream().filter(e -> e.getSessionId().equals(sessionId.toString())).toList();
  }

  protected static List<Integer> codes(UUID sessionId) {
    return statuses(sessionId).stream().map(SessionStatusChanged::getCode).toList();
  }

  /** Waits until the session emitted {@code code}; returns that event. */
  protected static SessionStatusChanged awaitCode(UUID sessionId, int code) {
    return PROBE.await(SessionStatusChanged.class, e -> e.getSessionId().equals(sessionId.toString()) && e.getCode() == code, WAIT);
  }

  /**
   * Waits until the session ended and every event the pipeline numbered for its connection so far
   * has arrived: outcomes travel on another topic than statuses, so they may arrive after Synced.
   */
  protected static SessionStatusChanged awaitEnd(UUID sessionId) {
    SessionStatusChanged end = PROBE.await(SessionStatusChanged.class, e -> e.getSessionId().equals(sessionId.toString())
        && SessionStatusCode.ofCode(e.getCode()).map(SessionStatusCode::isTerminal).orElse(false), WAIT);
    long issued = issuedSequences(end.getConnectionId());
    Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> sequencesSeen(end.getConnectionId()).size() >= issued);
    return end;
  }

  private static long issuedSequences(String connectionId) {
    try (java.sql.Connection c = TestInfrastructure.get().openJdbc();
        java.sql.PreparedStatement q = c.prepareStatement("SELECT last_value FROM pipeline.outbox_sequence WHERE sequence_key = ?")) {
      q.setString(1, "connection:" + connectionId);
      try (java.sql.ResultSet rs = q.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The distinct sequence numbers seen on the connection's events (the outbox may deliver one twice). */
  private static java.util.Set<Long> sequencesSeen(String connectionId) {
    return PROBE.seen().stream()
        .filter(s -> connectionId.equals(s.key()) && s.event() != null && s.event().getSchema().getField("sequence") != null)
        .map(s -> (Long) s.event().get(s.event().getSchema().getField("sequence").pos()))
        .collect(Collectors.toSet());
  }

  /** The session of a refresh job (its first status carries the job id). */
  protected static UUID sessionOfJob(String jobId) {
    SessionStatusChanged first = PROBE.await(SessionStatusChanged.class, e -> jobId.equals(e.getJobId()), WAIT);
    return UUID.fromString(first.getSessionId());
  }

  protected static List<DataAvailable> dataAvailable(UUID sessionId) {
    return PROBE.events(DataAvailable.class).stream().filter(e -> e.getSessionId().equals(sessionId.toString())).toList();
  }

  protected static Map<String, DataAvailable> dataAvailableByType(UUID sessionId) {
    return dataAvailable(sessionId).stream().collect(Collectors.toMap(DataAvailable::getDataType, e -> e));
  }

  protected static List<NoNewData> noNewData(UUID sessionId) {
    return PROBE.events(NoNewData.class).stream().filter(e -> e.getSessionId().equals(sessionId.toString())).toList();
  }

  protected static List<ReconnectionFailed> reconnectionFailed(UUID sessionId) {
    return PROBE.events(ReconnectionFailed.class).stream().filter(e -> e.getSessionId().equals(sessionId.toString())).toList();
  }

  /** Waits for the session's last event to be relayed: the status sequence is complete and in order. */
  protected static org.assertj.core.api.ListAssert<Integer> assertFinalCodes(UUID sessionId) {
    awaitEnd(sessionId);
    return assertThat(codes(sessionId)).as("statuses of session %s: %s", sessionId, describe(sessionId));
  }

  protected static List<Integer> finalCodes(UUID sessionId) {
    awaitEnd(sessionId);
    return codes(sessionId);
  }

  /** The session's statuses with their failures, for a message when a test fails. */
  protected static String describe(UUID sessionId) {
    return statuses(sessionId).stream()
        .map(s -> s.getCode() + (s.getFailure() == null ? "" : "(" + s.getFailure().getReason() + ": " + s.getFailure().getMessage() + ")"))
        .collect(Collectors.joining(", "));
  }

  /** Sequences of one connection's events from the pipeline: strictly increasing from 1, no gaps. */
  protected static void assertGapFreeSequence(UUID connectionId) {
    Awaitility.await().atMost(WAIT).untilAsserted(() -> {
      // The outbox delivers at least once: the same event seen twice is one event.
      List<Long> sequences = PROBE.seen().stream()
          .filter(s -> connectionId.toString().equals(s.key()) && s.event() != null && s.event().getSchema().getField("sequence") != null)
          .collect(Collectors.toMap(s -> s.event().get(s.event().getSchema().getField("eventId").pos()).toString(),
              s -> (Long) s.event().get(s.event().getSchema().getField("sequence").pos()), (a, b) -> a))
          .values().stream()
          .sorted()
          .toList();
      assertThat(sequences).isNotEmpty();
      for (int i = 0; i < sequences.size(); i++) {
        assertThat(sequences.get(i)).as("sequence #%d of connection %s", i + 1, connectionId).isEqualTo(i + 1L);
      }
    });
  }
}
