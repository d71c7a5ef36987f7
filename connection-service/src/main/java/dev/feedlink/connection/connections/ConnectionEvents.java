package dev.feedlink.connection.connections;

import dev.feedlink.connection.connections.domain.Connection;
import dev.feedlink.connection.connections.domain.ConnectionProjection;
import dev.feedlink.connection.connections.domain.PromptType;
import dev.feedlink.connection.connections.domain.SessionKind;
import dev.feedlink.events.ConnectionLifecycleChanged;
import dev.feedlink.events.ConnectionStatusChanged;
import dev.feedlink.events.EncryptedValue;
import dev.feedlink.events.LifecycleChange;
import dev.feedlink.events.SessionRequested;
import dev.feedlink.events.UserInputProvided;
import dev.feedlink.platform.crypto.Sealed;
import dev.feedlink.platform.outbox.Outbox;
import dev.feedlink.schemas.Topics;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import reactor.core.publisher.Mono;

/** The events connection-service sends, each through the outbox in the caller's transaction. */
final class ConnectionEvents {

  /** What a session is asked to do beyond its kind. */
  record SessionRequest(
      UUID sessionId, SessionKind kind, Sealed credentials, List<String> dataTypes, Instant rewindFrom, Instant rewindTo) {}

  private final Outbox outbox;

  ConnectionEvents(Outbox outbox) {
    this.outbox = outbox;
  }

  Mono<Void> sessionRequested(Connection c, SessionRequest request, Instant at) {
    SessionRequested event =
        SessionRequested.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setOccurredAt(at)
            .setAppId(c.appId().toString())
            .setConnectionId(c.connectionId().toString())
            .setSessionId(request.sessionId().toString())
            .setProviderId(c.providerId().toString())
            .setUserId(c.userId().toString())
            .setKind(dev.feedlink.events.SessionKind.valueOf(request.kind().name()))
            .setUsername(c.username())
            .setCredentials(request.credentials() == null ? null : encrypted(request.credentials()))
            .setDataTypes(request.dataTypes())
            .setScopes(c.requestedScopes())
            .setMetrics(c.metrics())
            .setRewindFrom(request.rewindFrom())
            .setRewindTo(request.rewindTo())
            .build();
    return outbox.publish(Topics.SESSION_COMMANDS, c.connectionId().toString(), event);
  }

  Mono<Void> userInput(Connection c, UUID sessionId, PromptType type, Sealed answer, List<String> accounts, Instant at) {
    UserInputProvided event =
        UserInputProvided.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setOccurredAt(at)
            .setAppId(c.appId().toString())
            .setConnectionId(c.connectionId().toString())
            .setSessionId(sessionId.toString())
            .setInputType(dev.feedlink.events.PromptType.valueOf(type.name()))
            .setAnswer(answer == null ? null : encrypted(answer))
            .setSelectedAccountNumbers(accounts)
            .build();
    return outbox.publish(Topics.SESSION_COMMANDS, c.connectionId().toString(), event);
  }

  Mono<Void> lifecycle(Connection c, LifecycleChange change, Instant at) {
    ConnectionLifecycleChanged event =
        ConnectionLifecycleChanged.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setOccurredAt(at)
            .setAppId(c.appId().toString())
            .setConnectionId(c.connectionId().toString())
            .setProviderId(c.providerId().toString())
            .setUserId(c.userId().toString())
            .setChange(change)
            .setStreamEnabled(c.streamEnabled())
            .build();
    return outbox.publish(Topics.CONNECTION_EVENTS, c.connectionId().toString(), event);
  }

  /**
   * Announces the connection's new seed-000 view if it (or the seed-001 state) moved.
   *
   * @param before null for a new connection
   */
  Mono<Void> statusChanged(ConnectionProjection before, Connection after, UUID sessionId, Integer sessionCode, Instant at) {
    ConnectionProjection now = after.projection();
    if (before != null && before.context().reason() == now.context().reason() && before.state() == now.state()) {
      return Mono.empty();
    }
    String key = after.connectionId().toString();
    return outbox
        .nextSequence("connection:" + key)
        .flatMap(
            sequence -> {
              ConnectionStatusChanged event =
                  ConnectionStatusChanged.newBuilder()
                      .setEventId(UUID.randomUUID().toString())
                      .setOccurredAt(at)
                      .setAppId(after.appId().toString())
                      .setConnectionId(key)
                      .setProviderId(after.providerId().toString())
                      .setUserId(after.userId().toString())
                      .setSequence(sequence)
                      .setConnectionStatus(now.context().status().name())
                      .setConnectionStatusReason(now.context().reason().name())
                      .setConnectionStatusTimestamp(now.context().timestamp())
                      .setState(now.state().name())
                      .setPreviousStatus(before == null ? null : before.context().status().name())
                      .setPreviousReason(before == null ? null : before.context().reason().name())
                      .setActionRequired(
                          now.prompt() == null ? null : dev.feedlink.events.PromptType.valueOf(now.prompt().type().name()))
                      .setSessionId(sessionId == null ? null : sessionId.toString())
                      .setSessionCode(sessionCode)
                      .build();
              return outbox.publish(Topics.CONNECTION_EVENTS, key, event);
            });
  }

  private static EncryptedValue encrypted(Sealed sealed) {
    return EncryptedValue.newBuilder()
        .setKeyId(sealed.keyId())
        .setNonce(ByteBuffer.wrap(sealed.nonce()))
        .setCiphertext(ByteBuffer.wrap(sealed.ciphertext()))
        .build();
  }
}
