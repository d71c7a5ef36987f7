package dev.feedlink.webhook.message;

import dev.feedlink.events.AccountData;
import dev.feedlink.events.BalanceRecord;
import dev.feedlink.events.BillRecord;
import dev.feedlink.events.ConnectionStatusChanged;
import dev.feedlink.events.DataAvailable;
import dev.feedlink.events.IntervalRecord;
import dev.feedlink.events.PromptType;
import dev.feedlink.events.StreamAttemptRecorded;
import dev.feedlink.events.TransactionRecord;
import dev.feedlink.platform.kafka.NonRetryableEventException;
import dev.feedlink.webhook.endpoint.domain.EventType;
import dev.feedlink.webhook.message.domain.NewMessage;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.specific.SpecificRecord;
import tools.jackson.core.JsonGenerator;

/**
 * Turns the events webhook-dispatcher consumes into webhook payloads, with the seeds' field names
 * and shapes: seed 003's data and Stream bodies, seed 000's connection status names. Decimal
 * strings from the events become JSON numbers exactly as written ({@code "0.80"} stays
 * {@code 0.80}); times are RFC 3339 UTC.
 */
public final class EventMessages {

  private static final String CONNECTING = "Connecting";

  private final Clock clock;
  private final long inlineMaxBytes;
  private final URI publicBaseUrl;

  public EventMessages(Clock clock, long inlineMaxBytes, URI publicBaseUrl) {
    this.clock = clock;
    this.inlineMaxBytes = inlineMaxBytes;
    this.publicBaseUrl = publicBaseUrl;
  }

  /** The webhooks an event makes; none for events no webhook is about. */
  public List<NewMessage> of(SpecificRecord event) {
    if (event instanceof ConnectionStatusChanged status) {
      return statusChanged(status);
    }
    if (event instanceof DataAvailable data) {
      return List.of(dataAvailable(data));
    }
    if (event instanceof StreamAttemptRecorded attempt) {
      return streamAttempt(attempt);
    }
    return List.of();
  }

  /**
   * One {@code connection.status_changed} per change connection-service announces: its creation
   * (no previous status), a new status or reason, or a new seed-001 state alone (previous status
   * and reason then equal the current ones). {@code connection.action_required} too while a
   * question is asked, which is only while the connection is Connecting.
   */
  private List<NewMessage> statusChanged(ConnectionStatusChanged e) {
    PromptType prompt = asked(e);
    String payload =
        write(g -> {
          g.writeStringProperty("connection_status", e.getConnectionStatus());
          g.writeStringProperty("connection_status_reason", e.getConnectionStatusReason());
          g.writeStringProperty("connection_status_timestamp", e.getConnectionStatusTimestamp().toString());
          g.writeStringProperty("previous_status", e.getPreviousStatus());
          g.writeStringProperty("previous_reason", e.getPreviousReason());
          g.writeStringProperty("state", e.getState());
          g.writeStringProperty("action_required", prompt == null ? null : prompt.name().toLowerCase(Locale.ROOT));
          g.writeStringProperty("provider_id", e.getProviderId());
          g.writeStringProperty("user_id", e.getUserId());
          g.writeStringProperty("session_id", e.getSessionId());
          if (e.getSessionCode() == null) {
            g.writeNullProperty("session_code");
          } else {
            g.writeNumberProperty("session_code", e.getSessionCode().intValue());
          }
        });
    Instant now = clock.instant();
    List<NewMessage> messages = new ArrayList<>(2);
    messages.add(new NewMessage(e.getEventId(), e.getAppId(), EventType.CONNECTION_STATUS_CHANGED, e.getConnectionId(), payload, now));
    if (prompt != null) {
      messages.add(new NewMessage(e.getEventId(), e.getAppId(), EventType.CONNECTION_ACTION_REQUIRED, e.getConnectionId(), payload, now));
    }
    return messages;
  }

  /** What the user must answer now, if anything: a connection that is not Connecting asks nothing. */
  private static PromptType asked(ConnectionStatusChanged e) {
    PromptType prompt = e.getActionRequired();
    if (prompt == null || prompt == PromptType.UNKNOWN || !CONNECTING.equals(e.getConnectionStatus())) {
      return null;
    }
    return prompt;
  }

  private NewMessage dataAvailable(DataAvailable e) {
    String link = e.getDataLink() == null ? null : publicBaseUrl.resolve(e.getDataLink()).toString();
    String payload = null;
    if (e.getInline()) {
      payload = dataPayload(e, true, link);
      if (link != null && payload.getBytes(StandardCharsets.UTF_8).length > inlineMaxBytes) {
        payload = null;
      }
    }
    if (payload == null) {
      payload = dataPayload(e, false, link);
    }
    return new NewMessage(e.getEventId(), e.getAppId(), EventType.DATA_AVAILABLE, e.getConnectionId(), payload, clock.instant());
  }

  private String dataPayload(DataAvailable e, boolean inline, String link) {
    String type = e.getDataType();
    return write(g -> {
      g.writeStringProperty("data_type", type);
      g.writeStringProperty("source_name", e.getSourceName());
      g.writeStringProperty("source_country", e.getSourceCountry());
      g.writeStringProperty("username", e.getUsername());
      g.writeArrayPropertyStart("accounts");
      for (AccountData account : e.getAccounts()) {
        g.writeStartObject();
        g.writeStringProperty("account_number", account.getAccountNumber());
        g.writeStringProperty("account_id", account.getAccountId());
        if (type.equals("interval") || account.getIntervalResolutionMinutes() != null) {
          if (account.getIntervalResolutionMinutes() == null) {
            g.writeNullProperty("interval_resolution_minutes");
          } else {
            g.writeNumberProperty("interval_resolution_minutes", account.getIntervalResolutionMinutes().intValue());
          }
        }
        if (inline) {
          records(g, type, account);
        } else {
          g.writeNumberProperty("new_records", account.getNewRecords());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeNumberProperty("total_new_records", e.getTotalNewRecords());
      // A Rewind sends its whole window: the receiver tells records it already has by this count.
      g.writeNumberProperty("overlapping_records", e.getOverlappingRecords());
      g.writeStringProperty("session_kind", e.getSessionKind().name());
      g.writeBooleanProperty("inline", inline);
      g.writeStringProperty("data_link", link);
      g.writeStringProperty("session_id", e.getSessionId());
      g.writeStringProperty("job_id", e.getJobId());
    });
  }

  private static void records(JsonGenerator g, String type, AccountData account) {
    if (type.equals("interval") || !account.getIntervals().isEmpty()) {
      g.writeArrayPropertyStart("intervals");
      for (IntervalRecord r : account.getIntervals()) {
        g.writeStartObject();
        g.writeStringProperty("start_time", r.getStartTime().toString());
        g.writeStringProperty("end_time", r.getEndTime().toString());
        g.writeNumberProperty("usage", decimal("usage", r.getUsage()));
        g.writeStringProperty("unit", r.getUnit());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (type.equals("bill") || !account.getBills().isEmpty()) {
      g.writeArrayPropertyStart("bills");
      for (BillRecord b : account.getBills()) {
        g.writeStartObject();
        g.writeStringProperty("bill_id", b.getBillId());
        g.writeStringProperty("period_start", b.getPeriodStart().toString());
        g.writeStringProperty("period_end", b.getPeriodEnd().toString());
        g.writeNumberProperty("amount", decimal("amount", b.getAmount()));
        g.writeStringProperty("currency", b.getCurrency());
        g.writeNumberProperty("usage", decimal("usage", b.getUsage()));
        g.writeStringProperty("unit", b.getUnit());
        g.writeStringProperty("next_bill_date", b.getNextBillDate() == null ? null : b.getNextBillDate().toString());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (type.equals("bank_balance") || !account.getBalances().isEmpty()) {
      g.writeArrayPropertyStart("balances");
      for (BalanceRecord b : account.getBalances()) {
        g.writeStartObject();
        g.writeNumberProperty("current_balance", decimal("current_balance", b.getCurrentBalance()));
        g.writeNumberProperty("available_balance", decimal("available_balance", b.getAvailableBalance()));
        g.writeStringProperty("currency", b.getCurrency());
        g.writeStringProperty("as_of", b.getAsOf().toString());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (type.equals("bank_transaction") || !account.getTransactions().isEmpty()) {
      g.writeArrayPropertyStart("transactions");
      for (TransactionRecord t : account.getTransactions()) {
        g.writeStartObject();
        g.writeStringProperty("transaction_id", t.getTransactionId());
        g.writeStringProperty("status", t.getStatus());
        g.writeStringProperty("posting_time", t.getPostingTime() == null ? null : t.getPostingTime().toString());
        g.writeStringProperty("execution_time", t.getExecutionTime() == null ? null : t.getExecutionTime().toString());
        g.writeNumberProperty("amount", decimal("amount", t.getAmount()));
        g.writeStringProperty("currency", t.getCurrency());
        g.writeStringProperty("description", t.getDescription());
        g.writeStringProperty("type", t.getType());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
  }

  private List<NewMessage> streamAttempt(StreamAttemptRecorded e) {
    String result = e.getAttemptResult();
    if (result.equals("no_new_data")) {
      Instant lastRefresh = e.getLastRefresh() == null ? e.getLastAttempt() : e.getLastRefresh();
      String payload =
          write(g -> {
            g.writeStringProperty("account_id", e.getAccountId());
            g.writeStringProperty("status", "no_new_data");
            g.writeStringProperty("last_refresh", lastRefresh.toString());
            lateness(g, e);
          });
      return List.of(new NewMessage(e.getEventId(), e.getAppId(), EventType.STREAM_NO_NEW_DATA, e.getConnectionId(), payload, clock.instant()));
    }
    if (result.equals("reconnection_failed")) {
      String payload =
          write(g -> {
            g.writeStringProperty("account_id", e.getAccountId());
            g.writeStringProperty("status", "reconnection_failed");
            if (e.getCode() == null) {
              g.writeNullProperty("code");
            } else {
              g.writeNumberProperty("code", e.getCode().intValue());
            }
            g.writeStringProperty("message", e.getMessage());
            g.writeStringProperty("last_attempt", e.getLastAttempt().toString());
            if (Boolean.TRUE.equals(e.getMfaRequired())) {
              g.writeObjectPropertyStart("mfa_status");
              g.writeBooleanProperty("required", true);
              g.writeStringProperty("last_prompt", e.getMfaLastPrompt() == null ? null : e.getMfaLastPrompt().toString());
              g.writeStringProperty("failure_reason", e.getMfaFailureReason());
              g.writeEndObject();
            }
            g.writeStringProperty(
                "next_scheduled_attempt", e.getNextScheduledAttempt() == null ? null : e.getNextScheduledAttempt().toString());
            g.writeObjectPropertyStart("resolution");
            g.writeStringProperty("action_required", e.getResolutionAction());
            g.writeStringProperty("details", e.getResolutionDetails());
            g.writeEndObject();
            lateness(g, e);
          });
      return List.of(new NewMessage(e.getEventId(), e.getAppId(), EventType.STREAM_RECONNECTION_FAILED, e.getConnectionId(), payload, clock.instant()));
    }
    return List.of();
  }

  /** How late a scheduled refresh ran because the scheduler was down (only when it was). */
  private static void lateness(JsonGenerator g, StreamAttemptRecorded e) {
    if (e.getLateByMillis() > 0) {
      g.writeNumberProperty("late_by_ms", e.getLateByMillis());
    }
  }

  private static BigDecimal decimal(String field, String value) {
    if (value == null) {
      return null;
    }
    try {
      return new BigDecimal(value.strip());
    } catch (NumberFormatException e) {
      throw new NonRetryableEventException(field + " '" + value + "' is not a decimal number");
    }
  }

  private static String write(java.util.function.Consumer<JsonGenerator> fields) {
    return Payloads.object(fields);
  }
}
