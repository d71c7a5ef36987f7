package dev.feedlink.webhook.support;

import dev.feedlink.events.AccountData;
import dev.feedlink.events.ConnectionLifecycleChanged;
import dev.feedlink.events.ConnectionStatusChanged;
import dev.feedlink.events.DataAvailable;
import dev.feedlink.events.IntervalRecord;
import dev.feedlink.events.LifecycleChange;
import dev.feedlink.events.PromptType;
import dev.feedlink.events.SessionKind;
import dev.feedlink.events.StreamAttemptRecorded;
import dev.feedlink.schemas.AvroEventSerializer;
import dev.feedlink.testkit.TestInfrastructure;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes the events other services produce to the real Kafka of the tests, keyed by connection
 * id, in the platform's wire format; and builds them with sensible values.
 */
public final class Events implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer =
      new KafkaProducer<>(
          Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
              ProducerConfig.LINGER_MS_CONFIG, 0),
          new StringSerializer(), new ByteArraySerializer());
  private final AvroEventSerializer serializer = new AvroEventSerializer();

  public void publish(String topic, String key, SpecificRecord event) {
    try {
      producer.send(new ProducerRecord<>(topic, key, serializer.serialize(topic, event))).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public void publishRaw(String topic, String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static ConnectionStatusChanged statusChanged(String appId, String connectionId, String status, String reason, PromptType prompt) {
    Instant at = Instant.parse("2024-12-15T12:00:00Z");
    return ConnectionStatusChanged.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(at)
        .setAppId(appId)
        .setConnectionId(connectionId)
        .setProviderId("prov-1")
        .setUserId("user-1")
        .setSequence(1)
        .setConnectionStatus(status)
        .setConnectionStatusReason(reason)
        .setConnectionStatusTimestamp(at)
        .setState("ACTIVE")
        .setPreviousStatus("Connecting")
        .setPreviousReason("Connecting")
        .setActionRequired(prompt)
        .setSessionId("session-1")
        .setSessionCode(9)
        .build();
  }

  public static ConnectionLifecycleChanged lifecycle(String appId, String connectionId, LifecycleChange change) {
    return ConnectionLifecycleChanged.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(Instant.parse("2024-12-15T12:00:00Z"))
        .setAppId(appId)
        .setConnectionId(connectionId)
        .setProviderId("prov-1")
        .setUserId("user-1")
        .setChange(change)
        .setStreamEnabled(true)
        .build();
  }

  public static IntervalRecord interval(String start, String end, String usage) {
    return IntervalRecord.newBuilder().setStartTime(Instant.parse(start)).setEndTime(Instant.parse(end)).setUsage(usage).setUnit("kWh").build();
  }

  public static DataAvailable intervals(String appId, String connectionId, List<IntervalRecord> intervals, String dataLink) {
    AccountData account = AccountData.newBuilder()
        .setAccountId("acc-" + connectionId)
        .setAccountNumber("123456789")
        .setIntervalResolutionMinutes(15)
        .setIntervals(intervals)
        .setNewRecords(intervals.size())
        .build();
    return data(appId, connectionId, "interval", List.of(account), dataLink);
  }

  public static DataAvailable data(String appId, String connectionId, String dataType, List<AccountData> accounts, String dataLink) {
    return DataAvailable.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(Instant.parse("2024-12-15T12:00:00Z"))
        .setAppId(appId)
        .setConnectionId(connectionId)
        .setSessionId("session-2")
        .setSessionKind(SessionKind.STREAM_REFRESH)
        .setJobId("job-1")
        .setSequence(5)
        .setProviderId("prov-1")
        .setSourceName("Example Utility Co")
        .setSourceCountry("US")
        .setUsername("[email protected]")
        .setDataType(dataType)
        .setAccounts(accounts)
        .setTotalNewRecords(accounts.stream().mapToLong(AccountData::getNewRecords).sum())
        .setDataLink(dataLink)
        .build();
  }

  public static StreamAttemptRecorded.Builder streamAttempt(String appId, String connectionId, String result) {
    return StreamAttemptRecorded.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(Instant.parse("2024-12-15T12:00:00Z"))
        .setAppId(appId)
        .setConnectionId(connectionId)
        .setAccountId("123456789")
        .setJobId("job-7")
        .setAttemptResult(result)
        .setLastAttempt(Instant.parse("2024-12-15T12:00:00Z"));
  }

  @Override
  public void close() {
    producer.close();
  }
}
