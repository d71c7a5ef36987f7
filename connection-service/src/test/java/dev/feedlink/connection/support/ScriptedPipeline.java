package dev.feedlink.connection.support;

import dev.feedlink.events.AccountRef;
import dev.feedlink.events.AccountsLinked;
import dev.feedlink.events.DataAvailable;
import dev.feedlink.events.ExtractionState;
import dev.feedlink.events.ExtractionStatus;
import dev.feedlink.events.Failure;
import dev.feedlink.events.FailureReason;
import dev.feedlink.events.NoNewData;
import dev.feedlink.events.ProviderCatalogued;
import dev.feedlink.events.Prompt;
import dev.feedlink.events.PromptType;
import dev.feedlink.events.ReconnectionFailed;
import dev.feedlink.events.SessionKind;
import dev.feedlink.events.SessionRequested;
import dev.feedlink.events.SessionStatusChanged;
import dev.feedlink.events.UserInputProvided;
import dev.feedlink.platform.crypto.CryptoProperties;
import dev.feedlink.platform.crypto.Sealed;
import dev.feedlink.platform.crypto.SecretCipher;
import dev.feedlink.schemas.AvroEventSerializer;
import dev.feedlink.schemas.SessionStatusCode;
import dev.feedlink.schemas.Topics;
import dev.feedlink.testkit.TestInfrastructure;
import dev.feedlink.testkit.TopicProbe;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Plays pipeline-worker's side for connection-service's tests, over the real Kafka: reads the
 * commands connection-service sends (opening the sealed credentials and answers as the pipeline
 * would), and publishes the pipeline's events exactly as docs/events.md specifies, one step at a
 * time so a test can check the connection between steps. Sequences are per connection and gap-free
 * across SessionStatusChanged and the data outcomes, like the pipeline's single counter.
 */
public final class ScriptedPipeline implements AutoCloseable {

  /** The sandbox providers, as the pipeline catalogues them at start-up. */
  public static final UUID SANDBOX_UTILITY = UUID.fromString("5a0d0b0e-0000-4000-8000-000000000001");
  public static final UUID SANDBOX_BANK = UUID.fromString("5a0d0b0e-0000-4000-8000-000000000002");
  public static final Duration PROMPT_TIMEOUT = Duration.ofMinutes(5);

  private final KafkaProducer<String, byte[]> producer;
  private final AvroEventSerializer serializer = new AvroEventSerializer();
  private final TopicProbe commands = new TopicProbe(Topics.SESSION_COMMANDS);
  private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();
  private final Set<String> taken = ConcurrentHashMap.newKeySet();
  private final SecretCipher cipher = new CryptoProperties("k1", null).cipher(true);
  private final ObjectMapper json = new ObjectMapper();
  private final Clock clock;

  public ScriptedPipeline(Clock clock) {
    this.clock = clock;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  public void catalogueSandboxProviders() {
    publish(Topics.PROVIDER_CATALOG, SANDBOX_UTILITY.toString(),
        ProviderCatalogued.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(clock.instant())
            .setProviderId(SANDBOX_UTILITY.toString()).setName("Sandbox Energy").setKind("utility").setCountry("US")
            .setDataTypes(List.of("interval", "bill")).setLoginMethod("credentials").build());
    publish(Topics.PROVIDER_CATALOG, SANDBOX_BANK.toString(),
        ProviderCatalogued.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(clock.instant())
            .setProviderId(SANDBOX_BANK.toString()).setName("Sandbox Bank").setKind("bank").setCountry("AU")
            .setDataTypes(List.of("bank_account", "bank_balance", "bank_transaction", "user_info"))
            .setLoginMethod("credentials").build());
  }

  // --- what connection-service asked ------------------------------------------------------------

  /** Waits for the next session request for the connection that this fixture has not taken yet. */
  public SessionRequested awaitSession(UUID connectionId, SessionKind kind) {
    SessionRequested request =
        commands.await(
            SessionRequested.class,
            r -> r.getConnectionId().equals(connectionId.toString()) && r.getKind() == kind && !taken.contains(r.getEventId()),
            Duration.ofSeconds(20));
    taken.add(request.getEventId());
    return request;
  }

  /** Waits for the next answer for the connection that this fixture has not taken yet. */
  public UserInputProvided awaitInput(UUID connectionId) {
    UserInputProvided input =
        commands.await(
            UserInputProvided.class,
            r -> r.getConnectionId().equals(connectionId.toString()) && !taken.contains(r.getEventId()),
            Duration.ofSeconds(20));
    taken.add(input.getEventId());
    return input;
  }

  public List<SpecificRecord> commandsFor(UUID connectionId) {
    List<SpecificRecord> all = new ArrayList<>();
    for (TopicProbe.Seen seen : commands.seen()) {
      if (seen.key().equals(connectionId.toString())) {
        all.add(seen.event());
      }
    }
    return all;
  }

  /** Opens the credentials as the pipeline does (sealed with the connection id as associated data). */
  public JsonNode credentials(SessionRequested request) {
    return json.readTree(cipher.open(sealed(request.getCredentials()), request.getConnectionId()));
  }

  public String answer(UserInputProvided input) {
    return new String(cipher.open(sealed(input.getAnswer()), input.getConnectionId()), StandardCharsets.UTF_8);
  }

  private static Sealed sealed(dev.feedlink.events.EncryptedValue value) {
    return new Sealed(value.getKeyId(), bytes(value.getNonce()), bytes(value.getCiphertext()));
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }

  // --- what the pipeline says -------------------------------------------------------------------

  /** A session connection-service asked for. */
  public Session session(SessionRequested request) {
    return new Session(
        request.getAppId(), request.getConnectionId(), request.getSessionId(), request.getProviderId(), request.getKind());
  }

  /** A session the pipeline runs on its own (a Stream refresh). */
  public Session refresh(UUID appId, UUID connectionId, UUID providerId) {
    return new Session(
        appId.toString(), connectionId.toString(), UUID.randomUUID().toString(), providerId.toString(), SessionKind.STREAM_REFRESH);
  }

  public static AccountRef account(String number, String kind, String... dataTypes) {
    return AccountRef.newBuilder()
        .setAccountId(UUID.nameUUIDFromBytes(number.getBytes(StandardCharsets.UTF_8)).toString())
        .setAccountNumber(number)
        .setName(kind + " " + number)
        .setKind(kind)
        .setDataTypes(List.of(dataTypes))
        .build();
  }

  /** The transitions of one session, in the pipeline's order. */
  public final class Session {
    public final String appId;
    public final String connectionId;
    public final String sessionId;
    public final String providerId;
    public final SessionKind kind;

    Session(String appId, String connectionId, String sessionId, String providerId, SessionKind kind) {
      this.appId = appId;
      this.connectionId = connectionId;
      this.sessionId = sessionId;
      this.providerId = providerId;
      this.kind = kind;
    }

    /** One transition; {@code customize} adds prompt, failure, data found... */
    public SessionStatusChanged emit(int code, Consumer<SessionStatusChanged.Builder> customize) {
      SessionStatusCode status = SessionStatusCode.ofCode(code).orElseThrow();
      SessionStatusChanged.Builder event =
          SessionStatusChanged.newBuilder()
              .setEventId(UUID.randomUUID().toString())
              .setOccurredAt(clock.instant())
              .setAppId(appId)
              .setConnectionId(connectionId)
              .setSessionId(sessionId)
              .setSessionKind(kind)
              .setProviderId(providerId)
              .setSequence(nextSequence())
              .setCode(code)
              .setName(status.statusName());
      customize.accept(event);
      SessionStatusChanged built = event.build();
      publish(Topics.SESSION_STATUS, connectionId, built);
      return built;
    }

    public SessionStatusChanged emit(int code) {
      return emit(code, e -> {});
    }

    public SessionStatusChanged ask(PromptType type, Consumer<Prompt.Builder> details) {
      return ask(type, details, null);
    }

    /** 6 with a prompt; with {@code invalid}, after a wrong answer. */
    public SessionStatusChanged ask(PromptType type, Consumer<Prompt.Builder> details, FailureReason invalid) {
      Prompt.Builder prompt = Prompt.newBuilder().setType(type).setExpiresAt(clock.instant().plus(PROMPT_TIMEOUT));
      details.accept(prompt);
      return emit(6, e -> {
        e.setPrompt(prompt.build());
        if (invalid != null) {
          e.setFailure(failure(invalid, false));
        }
      });
    }

    public SessionStatusChanged fail(int code, FailureReason reason, boolean retryable) {
      return emit(code, e -> e.setFailure(failure(reason, retryable)));
    }

    /** 9 Authorized with scopes, then AccountsLinked. */
    public void authorized(List<String> scopes, List<AccountRef> accounts) {
      emit(9, e -> e.setScopes(scopes));
      publish(Topics.SESSION_STATUS, connectionId,
          AccountsLinked.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(clock.instant())
              .setAppId(appId).setConnectionId(connectionId).setProviderId(providerId).setSessionId(sessionId)
              .setAccounts(accounts).build());
    }

    /** 2 Loading through 19 Synced, with the data outcome, as a successful session ends. */
    public SessionStatusChanged loadAndSync(boolean dataFound, long newRecords, List<String> dataTypes, List<AccountRef> accounts) {
      emit(2);
      emit(12);
      emit(13);
      emit(15, e -> e.setDataFound(dataFound));
      return finish(dataFound, newRecords, dataTypes, accounts);
    }

    /** From Structured on: 21 Deduplication, the Processing substages, 18, 19 Synced and the outcome. */
    public SessionStatusChanged finish(boolean dataFound, long newRecords, List<String> dataTypes, List<AccountRef> accounts) {
      emit(21, e -> e.setDataFound(dataFound));
      for (String substage : List.of("Historical Data Cleaning", "Monitoring", "Forecasting", "Insights", "Benchmarking")) {
        emit(16, e -> e.setDataFound(dataFound).setSubstage(substage));
      }
      emit(18, e -> e.setDataFound(dataFound));
      Instant now = clock.instant();
      SessionStatusChanged synced =
          emit(19, e -> e.setDataFound(dataFound).setNewRecords(newRecords).setExtraction(
              dataTypes.stream().map(t -> ExtractionState.newBuilder().setDataType(t.toUpperCase())
                  .setStatus(ExtractionStatus.SUCCESS).setReferenceId(sessionId).setLastSuccess(now).setLastUpdated(now)
                  .build()).toList()));
      List<String> accountIds = accounts.stream().map(AccountRef::getAccountId).toList();
      if (newRecords > 0) {
        publish(Topics.DATA_OUTCOMES, connectionId,
            DataAvailable.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(now).setAppId(appId)
                .setConnectionId(connectionId).setSessionId(sessionId).setSessionKind(kind).setSequence(nextSequence())
                .setProviderId(providerId).setSourceName("Sandbox").setSourceCountry("US").setDataType(dataTypes.get(0))
                .setAccounts(List.of()).setTotalNewRecords(newRecords).build());
      } else {
        publish(Topics.DATA_OUTCOMES, connectionId,
            NoNewData.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(now).setAppId(appId)
                .setConnectionId(connectionId).setSessionId(sessionId).setSessionKind(kind).setSequence(nextSequence())
                .setAccountIds(accountIds).setLastRefresh(now).build());
      }
      return synced;
    }

    /** 2 Loading through 19 Synced, then a DataAvailable that also counts records delivered before (a Rewind's). */
    public void loadAndSyncRewind(long newRecords, long overlapping, String dataType, List<AccountRef> accounts) {
      emit(2);
      emit(12);
      emit(13);
      emit(15, e -> e.setDataFound(true));
      emit(21, e -> e.setDataFound(true));
      emit(18, e -> e.setDataFound(true));
      emit(19, e -> e.setDataFound(true).setNewRecords(newRecords));
      publish(Topics.DATA_OUTCOMES, connectionId,
          DataAvailable.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(clock.instant()).setAppId(appId)
              .setConnectionId(connectionId).setSessionId(sessionId).setSessionKind(kind).setSequence(nextSequence())
              .setProviderId(providerId).setSourceName("Sandbox").setSourceCountry("US").setDataType(dataType)
              .setAccounts(List.of()).setTotalNewRecords(newRecords).setOverlappingRecords(overlapping).build());
    }

    public void reconnectionFailed(int code, List<AccountRef> accounts) {
      publish(Topics.DATA_OUTCOMES, connectionId,
          ReconnectionFailed.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(clock.instant())
              .setAppId(appId).setConnectionId(connectionId).setSessionId(sessionId).setSessionKind(kind)
              .setSequence(nextSequence()).setAccountIds(accounts.stream().map(AccountRef::getAccountId).toList())
              .setCode(code).setMessage("Reconnection failed due to invalid credentials. User credentials may have changed.")
              .setLastAttempt(clock.instant()).build());
    }

    private long nextSequence() {
      return sequences.computeIfAbsent(connectionId, k -> new AtomicLong()).incrementAndGet();
    }
  }

  public static Failure failure(FailureReason reason, boolean retryable) {
    return Failure.newBuilder().setReason(reason).setMessage(reason.name().toLowerCase().replace('_', ' ')).setRetryable(retryable).build();
  }

  /** Publishes an event as the pipeline's outbox relay would. */
  public void publish(String topic, String key, SpecificRecord event) {
    try {
      producer.send(new ProducerRecord<>(topic, key, serializer.serialize(topic, event))).get();
    } catch (Exception e) {
      throw new IllegalStateException("could not publish to " + topic, e);
    }
  }

  /** Publishes the same bytes again, as an at-least-once relay may. */
  public void republish(String topic, String key, SpecificRecord event) {
    publish(topic, key, event);
  }

  @Override
  public void close() {
    commands.close();
    producer.close();
  }
}
