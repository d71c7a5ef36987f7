package dev.feedlink.pipeline.session;

import dev.feedlink.events.AccountData;
import dev.feedlink.events.AccountRef;
import dev.feedlink.events.AccountsLinked;
import dev.feedlink.events.BalanceRecord;
import dev.feedlink.events.BillRecord;
import dev.feedlink.events.DataAvailable;
import dev.feedlink.events.ExtractionState;
import dev.feedlink.events.IntervalRecord;
import dev.feedlink.events.NoNewData;
import dev.feedlink.events.PromptType;
import dev.feedlink.events.ReconnectionFailed;
import dev.feedlink.events.SessionKind;
import dev.feedlink.events.SessionStatusChanged;
import dev.feedlink.events.TransactionRecord;
import dev.feedlink.pipeline.data.domain.AccountDelivery;
import dev.feedlink.pipeline.data.domain.AccountIds;
import dev.feedlink.pipeline.data.domain.Delivery;
import dev.feedlink.pipeline.provider.domain.LinkedAccount;
import dev.feedlink.pipeline.provider.domain.ProviderDescriptor;
import dev.feedlink.pipeline.session.domain.Failure;
import dev.feedlink.pipeline.session.domain.Kind;
import dev.feedlink.pipeline.session.domain.Prompt;
import dev.feedlink.platform.outbox.Outbox;
import dev.feedlink.schemas.SessionStatusCode;
import dev.feedlink.schemas.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * Publishes what sessions do, through the outbox in the caller's transaction: every status
 * transition, the accounts linked, and the outcomes (DataAvailable, NoNewData,
 * ReconnectionFailed). The status and outcome events of a connection share one gap-free sequence.
 */
public final class SessionEvents {

  private final Outbox outbox;

  public SessionEvents(Outbox outbox) {
    this.outbox = outbox;
  }

  private Mono<Long> sequence(Session s) {
    return outbox.nextSequence("connection:" + s.connectionId());
  }

  /** One seed-002 transition; {@code details} adds what this status carries. */
  public Mono<Void> status(Session s, SessionStatusCode code, Instant at, Consumer<SessionStatusChanged.Builder> details) {
    return sequence(s).flatMap(seq -> {
      SessionStatusChanged.Builder event = SessionStatusChanged.newBuilder()
          .setEventId(UUID.randomUUID().toString())
          .setOccurredAt(at)
          .setAppId(s.appId())
          .setConnectionId(s.connectionId().toString())
          .setSessionId(s.sessionId().toString())
          .setSessionKind(kind(s.kind()))
          .setProviderId(s.providerId().toString())
          .setSequence(seq)
          .setCode(code.code())
          .setName(code.statusName())
          .setJobId(s.jobId());
      details.accept(event);
      return outbox.publish(Topics.SESSION_STATUS, s.connectionId().toString(), event.build());
    });
  }

  public Mono<Void> status(Session s, SessionStatusCode code, Instant at) {
    return status(s, code, at, e -> {});
  }

  public Mono<Void> accountsLinked(Session s, List<LinkedAccount> accounts, Instant at) {
    return outbox.publish(Topics.SESSION_STATUS, s.connectionId().toString(), AccountsLinked.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(at)
        .setAppId(s.appId())
        .setConnectionId(s.connectionId().toString())
        .setProviderId(s.providerId().toString())
        .setSessionId(s.sessionId().toString())
        .setAccounts(refs(s.connectionId(), accounts))
        .build());
  }

  public Mono<Void> reconnectionFailed(
      Session s, int code, String message, List<String> accountIds, boolean mfaRequired, Instant lastPrompt, String mfaFailure, Instant at) {
    return sequence(s).flatMap(seq -> outbox.publish(Topics.DATA_OUTCOMES, s.connectionId().toString(), ReconnectionFailed.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(at)
        .setAppId(s.appId())
        .setConnectionId(s.connectionId().toString())
        .setSessionId(s.sessionId().toString())
        .setSessionKind(kind(s.kind()))
        .setJobId(s.jobId())
        .setSequence(seq)
        .setAccountIds(accountIds)
        .setCode(code)
        .setMessage(message)
        .setLastAttempt(at)
        .setMfaRequired(mfaRequired)
        .setMfaLastPrompt(lastPrompt)
        .setMfaFailureReason(mfaFailure)
        .build()));
  }

  public Mono<Void> noNewData(Session s, List<String> accountIds, String dataType, Instant lastRefresh, Instant at) {
    return sequence(s).flatMap(seq -> outbox.publish(Topics.DATA_OUTCOMES, s.connectionId().toString(), NoNewData.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(at)
        .setAppId(s.appId())
        .setConnectionId(s.connectionId().toString())
        .setSessionId(s.sessionId().toString())
        .setSessionKind(kind(s.kind()))
        .setJobId(s.jobId())
        .setSequence(seq)
        .setAccountIds(accountIds)
        .setDataType(dataType)
        .setLastRefresh(lastRefresh)
        .build()));
  }

  public Mono<Void> dataAvailable(Session s, Delivery delivery, ProviderDescriptor provider, String username, String dataLink, Instant at) {
    return sequence(s).flatMap(seq -> outbox.publish(Topics.DATA_OUTCOMES, s.connectionId().toString(), DataAvailable.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(at)
        .setAppId(s.appId())
        .setConnectionId(s.connectionId().toString())
        .setSessionId(s.sessionId().toString())
        .setSessionKind(kind(s.kind()))
        .setJobId(s.jobId())
        .setSequence(seq)
        .setProviderId(s.providerId().toString())
        .setSourceName(provider.name())
        .setSourceCountry(provider.country())
        .setUsername(username)
        .setDataType(delivery.dataType().wireName())
        .setAccounts(delivery.accounts().stream().map(SessionEvents::accountData).toList())
        .setTotalNewRecords(delivery.newRecords())
        .setOverlappingRecords(delivery.overlapping())
        .setInline(delivery.inline())
        .setDataLink(delivery.inline() ? null : dataLink)
        .build()));
  }

  private static AccountData accountData(AccountDelivery a) {
    return AccountData.newBuilder()
        .setAccountId(a.accountId().toString())
        .setAccountNumber(a.accountNumber())
        .setIntervalResolutionMinutes(a.intervalResolutionMinutes())
        .setIntervals(a.intervals().stream().map(i -> IntervalRecord.newBuilder()
            .setStartTime(i.start())
            .setEndTime(i.end())
            .setUsage(i.usage().toPlainString())
            .setUnit(i.unit())
            .setQuality(i.quality())
            .build()).toList())
        .setBills(a.bills().stream().map(b -> BillRecord.newBuilder()
            .setBillId(b.billId())
            .setPeriodStart(b.periodStart())
            .setPeriodEnd(b.periodEnd())
            .setAmount(b.amount().toPlainString())
            .setCurrency(b.currency())
            .setUsage(b.usage() == null ? null : b.usage().toPlainString())
            .setUnit(b.unit())
            .setNextBillDate(b.nextBillDate())
            .build()).toList())
        .setBalances(a.balances().stream().map(b -> BalanceRecord.newBuilder()
            .setCurrentBalance(b.balance().currentBalance().toPlainString())
            .setAvailableBalance(b.balance().availableBalance() == null ? null : b.balance().availableBalance().toPlainString())
            .setCurrency(b.balance().currency())
            .setAsOf(b.asOf())
            .build()).toList())
        .setTransactions(a.transactions().stream().map(t -> TransactionRecord.newBuilder()
            .setTransactionId(t.transactionId())
            .setStatus(t.status())
            .setPostingTime(t.postingTime())
            .setExecutionTime(t.executionTime())
            .setAmount(t.amount().toPlainString())
            .setCurrency(t.currency())
            .setDescription(t.description())
            .setType(t.type())
            .build()).toList())
        .setNewRecords(a.newRecords())
        .build();
  }

  // --- mapping to the event types ------------------------------------------------------------

  static SessionKind kind(Kind kind) {
    return SessionKind.valueOf(kind.name());
  }

  static List<AccountRef> refs(UUID connectionId, List<LinkedAccount> accounts) {
    return accounts.stream().map(a -> AccountRef.newBuilder()
        .setAccountId(AccountIds.of(connectionId, a.accountNumber()).toString())
        .setAccountNumber(a.accountNumber())
        .setName(a.name())
        .setKind(a.kind())
        .setDataTypes(a.dataTypes())
        .build()).toList();
  }

  static dev.feedlink.events.Prompt prompt(UUID connectionId, Prompt p) {
    return dev.feedlink.events.Prompt.newBuilder()
        .setType(PromptType.valueOf(p.type().name()))
        .setQuestion(p.question())
        .setMfaMethods(p.methods())
        .setAccounts(refs(connectionId, p.accounts()))
        .setExpiresAt(p.expiresAt())
        .build();
  }

  static dev.feedlink.events.Failure failure(Failure f) {
    return dev.feedlink.events.Failure.newBuilder()
        .setReason(dev.feedlink.events.FailureReason.valueOf(f.reason().name()))
        .setMessage(f.message())
        .setRetryable(f.retryable())
        .build();
  }

}
