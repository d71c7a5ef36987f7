package dev.feedlink.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedlink.events.AccountRef;
import dev.feedlink.events.EncryptedValue;
import dev.feedlink.events.Failure;
import dev.feedlink.events.FailureReason;
import dev.feedlink.events.SessionKind;
import dev.feedlink.events.SessionRequested;
import dev.feedlink.events.SessionStatusChanged;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class AvroEventSerdeTest {

  private static final String TOPIC = Topics.SESSION_STATUS;
  private final AvroEventSerializer serializer = new AvroEventSerializer();
  private final AvroEventDeserializer deserializer = new AvroEventDeserializer();
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  private SessionStatusChanged statusEvent() {
    return SessionStatusChanged.newBuilder()
        .setEventId("e-1")
        .setOccurredAt(now)
        .setAppId("app-1")
        .setConnectionId("c-1")
        .setSessionId("s-1")
        .setSessionKind(SessionKind.CONNECT)
        .setProviderId("p-1")
        .setSequence(7)
        .setCode(SessionStatusCode.ERROR_IN_AUTHORIZATION.code())
        .setName(SessionStatusCode.ERROR_IN_AUTHORIZATION.statusName())
        .setFailure(new Failure(FailureReason.INVALID_CREDENTIALS, "wrong password", false))
        .setAccounts(List.of(new AccountRef("a-1", "123456789", null, "electricity", List.of("interval"))))
        .build();
  }

  @Test
  void anEventComesBackAsTheSameEvent() {
    SessionStatusChanged event = statusEvent();

    SpecificRecord read = deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, event));

    assertThat(read).isEqualTo(event);
  }

  @Test
  void theWireFormatIsAvroSingleObjectEncoding() throws Exception {
    SessionRequested event =
        SessionRequested.newBuilder()
            .setEventId("e-2")
            .setOccurredAt(now)
            .setAppId("app")
            .setConnectionId("c")
            .setSessionId("s")
            .setProviderId("p")
            .setUserId("u")
            .setKind(SessionKind.REWIND)
            .setCredentials(new EncryptedValue("k1", ByteBuffer.wrap(new byte[] {1}), ByteBuffer.wrap(new byte[] {2})))
            .build();

    byte[] ours = serializer.serialize(TOPIC, event);
    // Avro's own encoder writes the same bytes, so any single-object reader can read ours.
    ByteBuffer avros = SessionRequested.getEncoder().encode(event);
    byte[] expected = Arrays.copyOfRange(avros.array(), avros.position(), avros.limit());

    assertThat(ours).isEqualTo(expected);
    assertThat(SessionRequested.getDecoder().decode(ours)).isEqualTo(event);
  }

  @Test
  void aMessageWrittenWithAnOlderVersionIsReadWithDefaultsForNewFields() throws Exception {
    // An older producer that knew SessionStatusChanged without the optional fields added later.
    Schema current = SessionStatusChanged.getClassSchema();
    SchemaBuilder.FieldAssembler<Schema> fields =
        SchemaBuilder.record(current.getName()).namespace(current.getNamespace()).fields();
    for (String name : List.of("eventId", "appId", "connectionId", "sessionId", "providerId", "name")) {
      fields = fields.requiredString(name);
    }
    Schema older =
        fields
            .name("occurredAt").type(current.getField("occurredAt").schema()).noDefault()
            .name("sessionKind").type(current.getField("sessionKind").schema()).noDefault()
            .requiredLong("sequence")
            .requiredInt("code")
            .endRecord();
    GenericRecord old = new GenericData.Record(older);
    old.put("eventId", "e-old");
    old.put("appId", "app");
    old.put("connectionId", "c");
    old.put("sessionId", "s");
    old.put("providerId", "p");
    old.put("name", "Synced");
    old.put("occurredAt", now.toEpochMilli());
    old.put("sessionKind", new GenericData.EnumSymbol(current.getField("sessionKind").schema(), "CONNECT"));
    old.put("sequence", 3L);
    old.put("code", 19);
    ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(old);
    EventSchemaStore store = EventSchemaStore.of(older);

    SpecificRecord read = new AvroEventDeserializer(store).deserialize(TOPIC, bytes.array());

    assertThat(read).isInstanceOf(SessionStatusChanged.class);
    SessionStatusChanged event = (SessionStatusChanged) read;
    assertThat(event.getCode()).isEqualTo(19);
    assertThat(event.getOccurredAt()).isEqualTo(now);
    assertThat(event.getAccounts()).isEmpty();
    assertThat(event.getFailure()).isNull();
    assertThat(event.getNewRecords()).isZero();
  }

  @Test
  void anUnknownFingerprintIsRefusedNamingTheTopicAndFingerprint() {
    byte[] bytes = serializer.serialize(TOPIC, statusEvent());
    bytes[2] ^= 0x5A;

    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining(TOPIC)
        .hasMessageContaining("fingerprint")
        .hasMessageContaining("does not keep");
  }

  @Test
  void aMessageWithoutTheMarkerIsRefused() {
    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, "{\"json\":true}".getBytes()))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("not an Avro single-object encoded event")
        .hasMessageContaining(TOPIC);
  }

  @Test
  void aTruncatedBodyIsRefusedAsCorrupt() {
    byte[] bytes = serializer.serialize(TOPIC, statusEvent());
    byte[] truncated = Arrays.copyOf(bytes, 14);

    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, truncated))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("corrupt dev.feedlink.events.SessionStatusChanged");
  }

  @Test
  void everySessionStatusCodeKeepsTheSeedNumberAndName() {
    assertThat(Arrays.stream(SessionStatusCode.values()).map(c -> c.code() + " " + c.statusName()))
        .containsExactly(
            "2 Loading", "6 Authorization", "7 Error in Authorization", "8 Deauthorized",
            "9 Authorized", "11 Loading Error", "12 Loaded", "13 Structuring",
            "14 Structuring Error", "15 Structured", "16 Processing", "17 Processing error",
            "18 Processed", "19 Synced", "20 Authorization timedout", "21 Deduplication",
            "22 Deduplication Error", "23 Timed Out", "25 Waiting For Webhook", "26 Disconnected");
    assertThat(SessionStatusCode.ofCode(23)).contains(SessionStatusCode.TIMED_OUT);
    assertThat(SessionStatusCode.ofCode(24)).isEmpty();
  }
}
