package dev.feedlink.scheduler.support;

import dev.feedlink.events.AccountData;
import dev.feedlink.events.AccountRef;
import dev.feedlink.events.AccountsLinked;
import dev.feedlink.events.BillRecord;
import dev.feedlink.events.ConnectionLifecycleChanged;
import dev.feedlink.events.DataAvailable;
import dev.feedlink.events.LifecycleChange;
import dev.feedlink.events.NoNewData;
import dev.feedlink.events.ReconnectionFailed;
import dev.feedlink.events.SessionKind;
import dev.feedlink.events.SessionStatusChanged;
import dev.feedlink.schemas.AvroEventSerializer;
import dev.feedlink.schemas.Topics;
import dev.feedlink.testkit.TestInfrastructure;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays connection-service and the pipeline in tests: publishes their events to the real Kafka,
 * exactly as they would (Avro single-object encoding, keyed by connection id).
 */
public final class Pipeline implements AutoCloseable {

  private static final AtomicLong SEQUENCE = new AtomicLong();
  private final KafkaProducer<String, byte[]> producer =
      new KafkaProducer<>(
          Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers()),
          new StringSerializer(),
          new ByteArraySerializer());
  private final AvroEventSerializer serializer = new AvroEventSerializer();

  /** A connection with its app and accounts, as the tests create them. */
  public record Connection(UUID appId, UUID connectionId, List<Account> accounts) {
    public Account account() {
      return accounts.get(0);
    }
  }

  public record Account(UUID accountId, String accountNumber) {}

  public void send(String topic, String key, SpecificRecord event) {
    try {
      producer.send(new ProducerRecord<>(topic, key, serializer.serialize(topic, event))).get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** ConnectionLifecycleChanged(CREATED) then AccountsLinked, for a new connection of {@code appId}. */
  public Connection connect(UUID appId, boolean streamEnabled, String... accountNumbers) {
    return connect(appId, streamEnabled, List.of("interval", "bill"), accountNumbers);
  }

  /** The same, for accounts that provide {@code dataTypes}. */
  public Connection connect(UUID appId, boolean streamEnabled, List<String> dataTypes, String... accountNumbers) {
    UUID connectionId = UUID.randomUUID();
    List<Account> accounts =
        java.util.Arrays.stream(accountNumbers)
            .map(n -> new Account(UUID.nameUUIDFromBytes((connectionId + ":" + n).getBytes()), n))
            .toList();
    Connection connection = new Connection(appId, connectionId, accounts);
    lifecycle(connection, LifecycleChange.CREATED, streamEnabled);
    accountsLinked(connection, dataTypes);
    return connection;
  }

  public void accountsLinked(Connection c, List<String> dataTypes) {
    send(Topics.SESSION_STATUS, c.connectionId().toString(),
        AccountsLinked.newBuilder()
            .setEventId(id())
            .setOccurredAt(now())
            .setAppId(c.appId().toString())
            .setConnectionId(c.connectionId().toString())
            .setProviderId(UUID.randomUUID().toString())
            .setSessionId(UUID.randomUUID().toString())
            .setAccounts(c.accounts().stream()
                .map(a -> AccountRef.newBuilder()
                    .setAccountId(a.accountId().toString())
                    .setAccountNumber(a.accountNumber())
                    .setKind("electricity")
                    .setDataTypes(dataTypes)
                    .build())
                .toList())
            .build());
  }

  public void lifecycle(Connection c, LifecycleChange change, boolean streamEnabled) {
    send(Topics.CONNECTION_EVENTS, c.connectionId().toString(),
        ConnectionLifecycleChanged.newBuilder()
            .setEventId(id())
            .setOccurredAt(now())
            .setAppId(c.appId().toString())
            .setConnectionId(c.connectionId().toString())
            .setProviderId(UUID.randomUUID().toString())
            .setUserId("user-1")
            .setChange(change)
            .setStreamEnabled(streamEnabled)
            .build());
  }

  public void sessionStatus(Connection c, String sessionId, int code, String name) {
    send(Topics.SESSION_STATUS, c.connectionId().toString(),
        SessionStatusChanged.newBuilder()
            .setEventId(id())
            .setOccurredAt(now())
            .setAppId(c.appId().toString())
            .setConnectionId(c.connectionId().toString())
            .setSessionId(sessionId)
            .setSessionKind(SessionKind.STREAM_REFRESH)
            .setProviderId(UUID.randomUUID().toString())
            .setSequence(SEQUENCE.incrementAndGet())
            .setCode(code)
            .setName(name)
            .build());
  }

  public void dataAvailable(Connection c, String jobId, Account account, long newRecords, LocalDate nextBillDate) {
    List<BillRecord> bills = nextBillDate == null ? List.of() : List.of(BillRecord.newBuilder()
        .setBillId("bill-" + nextBillDate)
        .setPeriodStart(now().minus(30, ChronoUnit.DAYS))
        .setPeriodEnd(now())
        .setAmount("42.10")
        .setCurrency("USD")
        .setNextBillDate(nextBillDate)
        .build());
    send(Topics.DATA_OUTCOMES, c.connectionId().toString(),
        DataAvailable.newBuilder()
            .setEventId(id())
            .setOccurredAt(now())
            .setAppId(c.appId().toString())
            .setConnectionId(c.connectionId().toString())
            .setSessionId(jobId == null ? UUID.randomUUID().toString() : jobId)
            .setSessionKind(jobId == null ? SessionKind.CONNECT : SessionKind.STREAM_REFRESH)
            .setJobId(jobId)
            .setSequence(SEQUENCE.incrementAndGet())
            .setProviderId(UUID.randomUUID().toString())
            .setSourceName("Example Utility Co")
            .setSourceCountry("US")
            .setDataType(nextBillDate == null ? "interval" : "bill")
            .setAccounts(List.of(AccountData.newBuilder()
                .setAccountId(account.accountId().toString())
                .setAccountNumber(account.accountNumber())
                .setBills(bills)
                .setNewRecords(newRecords)
                .build()))
            .setTotalNewRecords(newRecords)
            .build());
  }

  public void noNewData(Connection c, String jobId, Account account) {
    send(Topics.DATA_OUTCOMES, c.connectionId().toString(),
        NoNewData.newBuilder()
            .setEventId(id())
            .setOccurredAt(now())
            .setAppId(c.appId().toString())
            .setConnectionId(c.connectionId().toString())
            .setSessionId(jobId)
            .setSessionKind(SessionKind.STREAM_REFRESH)
            .setJobId(jobId)
            .setSequence(SEQUENCE.incrementAndGet())
            .setAccountIds(List.of(account.accountId().toString()))
            .setDataType("interval")
            .setLastRefresh(now())
            .build());
  }

  public void reconnectionFailed(Connection c, String jobId, Account account, int code, Instant at) {
    boolean mfa = code == 40102;
    send(Topics.DATA_OUTCOMES, c.connectionId().toString(),
        ReconnectionFailed.newBuilder()
            .setEventId(id())
            .setOccurredAt(at)
            .setAppId(c.appId().toString())
            .setConnectionId(c.connectionId().toString())
            .setSessionId(jobId)
            .setSessionKind(SessionKind.STREAM_REFRESH)
            .setJobId(jobId)
            .setSequence(SEQUENCE.incrementAndGet())
            .setAccountIds(List.of(account.accountId().toString()))
            .setCode(code)
            .setMessage(mfa
                ? "Reconnection failed due to unsuccessful Multi-Factor Authentication (MFA)."
                : "Reconnection failed due to invalid credentials. User credentials may have changed.")
            .setLastAttempt(at)
            .setMfaRequired(mfa)
            .setMfaLastPrompt(mfa ? at.minusSeconds(300) : null)
            .setMfaFailureReason(mfa ? "No code provided." : null)
            .build());
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  @Override
  public void close() {
    producer.close();
  }
}
