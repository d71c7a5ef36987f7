package dev.feedlink.connection.connections;

import dev.feedlink.connection.connections.domain.Account;
import dev.feedlink.connection.connections.domain.Connection;
import dev.feedlink.connection.connections.domain.ConnectionProjection;
import dev.feedlink.connection.connections.domain.Extraction;
import dev.feedlink.connection.connections.domain.Prompt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of a connection, field for field as the seeds show them. */
final class ConnectionViews {

  private ConnectionViews() {}

  /** Seed 001's Connection entity (camelCase; data-type objects keyed by their upper-case name). */
  static Map<String, Object> entity(Connection c) {
    ConnectionProjection p = c.projection();
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("status", p.state().name());
    state.put("connectedAt", p.connectedAt());
    state.put("disconnectedAt", p.disconnectedAt());
    for (Extraction e : p.extraction().values()) {
      Map<String, Object> type = new LinkedHashMap<>();
      type.put("status", e.success() ? "SUCCESS" : "FAILURE");
      type.put("referenceId", e.referenceId());
      type.put("lastSuccess", e.lastSuccess());
      type.put("lastUpdated", e.lastUpdated());
      state.put(e.dataType(), type);
    }
    Map<String, Object> entity = new LinkedHashMap<>();
    entity.put("id", c.connectionId());
    entity.put("app", c.appId().toString());
    entity.put("dataholder", c.providerId());
    entity.put("user", c.userId());
    entity.put("scopes", p.visibleScopes());
    entity.put("metrics", c.metrics());
    entity.put("status", p.state().name());
    entity.put("connectionState", state);
    return entity;
  }

  /** Seed 000's {@code /connection/context}, with each entity's {@code account_id} as well. */
  static Map<String, Object> context(Connection c, String providerName) {
    ConnectionProjection p = c.projection();
    Map<String, Object> provider = new LinkedHashMap<>();
    provider.put("id", c.providerId());
    provider.put("name", providerName);
    List<Map<String, Object>> entities = new ArrayList<>();
    for (Account a : c.accounts()) {
      Map<String, Object> entity = new LinkedHashMap<>();
      entity.put("account_number", a.accountNumber());
      entity.put("account_id", a.accountId());
      entities.add(entity);
    }
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("connection_id", c.connectionId());
    context.put("provider", provider);
    context.put("connection_status", p.context().status().name());
    context.put("connection_status_timestamp", p.context().timestamp());
    context.put("connection_status_reason", p.context().reason().name());
    context.put("numOfEntities", entities.size());
    context.put("entities", entities);
    return context;
  }

  /** What the connection asks now; {@code type} null when it asks nothing. */
  static Map<String, Object> prompt(Connection c) {
    ConnectionProjection p = c.projection();
    Prompt asked = p.prompt();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("connection_id", c.connectionId());
    view.put("connection_status", p.context().status().name());
    view.put("connection_status_reason", p.context().reason().name());
    view.put("session_id", asked == null ? null : asked.sessionId());
    view.put("type", asked == null ? null : asked.type().apiName());
    if (asked != null) {
      view.put("question", asked.question());
      view.put("mfa_methods", asked.mfaMethods());
      view.put(
          "accounts",
          asked.accounts().stream()
              .map(a -> {
                Map<String, Object> account = new LinkedHashMap<>();
                account.put("account_number", a.accountNumber());
                account.put("name", a.name());
                account.put("kind", a.kind());
                return account;
              })
              .toList());
      view.put("expires_at", asked.expiresAt());
      view.put("last_answer_invalid", asked.lastAnswerInvalid());
      view.put("answered_at", p.promptAnsweredAt());
    }
    return view;
  }

  static Map<String, Object> sessions(Connection c, List<SessionHistory.Session> sessions) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (SessionHistory.Session s : sessions) {
      Map<String, Object> session = new LinkedHashMap<>();
      session.put("session_id", s.sessionId());
      session.put("kind", s.kind());
      session.put("requested_at", s.requestedAt());
      if (s.rewindFrom() != null) {
        session.put("rewind_from", s.rewindFrom());
        session.put("rewind_to", s.rewindTo());
      }
      List<Map<String, Object>> transitions = new ArrayList<>();
      for (SessionHistory.Step step : s.steps()) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("sequence", step.sequence());
        t.put("code", step.code());
        t.put("name", step.name());
        t.put("timestamp", step.occurredAt());
        t.put("substage", step.substage());
        t.put("prompt", step.promptType());
        t.put("error", error(step));
        transitions.add(t);
      }
      session.put("transitions", transitions);
      session.put("outcomes", s.outcomes().stream().map(ConnectionViews::outcome).toList());
      list.add(session);
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("connection_id", c.connectionId());
    view.put("sessions", list);
    return view;
  }

  private static Map<String, Object> error(SessionHistory.Step step) {
    if (step.failureReason() == null) {
      return null;
    }
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("reason", step.failureReason());
    error.put("message", step.failureMessage());
    error.put("retryable", step.retryable());
    return error;
  }

  private static Map<String, Object> outcome(SessionHistory.Outcome o) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("type", o.type());
    view.put("at", o.at());
    if (o.dataType() != null) {
      view.put("data_type", o.dataType());
    }
    if (o.newRecords() != null) {
      view.put("count", o.newRecords());
    }
    if (o.overlappingRecords() != null) {
      view.put("overlapping_records", o.overlappingRecords());
    }
    if (o.code() != null) {
      view.put("code", o.code());
      view.put("message", o.message());
    }
    return view;
  }

}
