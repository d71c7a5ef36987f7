package dev.feedlink.pipeline.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.feedlink.pipeline.data.RecordReader.Filter;
import dev.feedlink.pipeline.data.domain.BalanceSnapshot;
import dev.feedlink.pipeline.processing.ProcessingResults;
import dev.feedlink.pipeline.provider.domain.BankTransaction;
import dev.feedlink.pipeline.provider.domain.DataType;
import dev.feedlink.pipeline.provider.domain.FetchWindow;
import dev.feedlink.pipeline.provider.domain.UsageInterval;
import dev.feedlink.pipeline.provider.domain.UtilityBill;
import dev.feedlink.platform.web.ApiProblem;
import dev.feedlink.platform.web.CallerApp;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The data API, behind the gateway: an account's interval readings by time range, bills, bank
 * balances and transactions (each paged with a cursor), its processing results; a connection's
 * accounts and user info; and exactly what one session delivered (the {@code dataLink} of a
 * DataAvailable too large to carry its records). An app sees only its own data: anything else is
 * not found.
 */
@RestController
@JsonInclude(JsonInclude.Include.ALWAYS)
class DataApiController {

  static final int DEFAULT_LIMIT = 500;
  static final int MAX_LIMIT = 5000;

  private final DataQueries queries;
  private final ProcessingResults results;

  DataApiController(DataQueries queries, ProcessingResults results) {
    this.queries = queries;
    this.results = results;
  }

  // --- bodies ----------------------------------------------------------------------------------

  record AccountView(
      @JsonProperty("account_id") UUID accountId,
      @JsonProperty("connection_id") UUID connectionId,
      @JsonProperty("provider_id") UUID providerId,
      @JsonProperty("account_number") String accountNumber,
      String name,
      String kind,
      @JsonProperty("data_types") List<String> dataTypes,
      String unit,
      @JsonProperty("interval_resolution_minutes") Integer intervalResolutionMinutes,
      @JsonRawValue String details) {}

  record AccountList(@JsonProperty("connection_id") UUID connectionId, List<AccountView> accounts) {}

  record IntervalView(
      @JsonProperty("start_time") Instant startTime,
      @JsonProperty("end_time") Instant endTime,
      BigDecimal usage,
      String unit,
      String quality) {

    static IntervalView of(UsageInterval i) {
      return new IntervalView(i.start(), i.end(), i.usage(), i.unit(), i.quality());
    }
  }

  record BillView(
      @JsonProperty("bill_id") String billId,
      @JsonProperty("period_start") Instant periodStart,
      @JsonProperty("period_end") Instant periodEnd,
      BigDecimal amount,
      String currency,
      BigDecimal usage,
      String unit,
      @JsonProperty("due_date") LocalDate dueDate,
      @JsonProperty("next_bill_date") LocalDate nextBillDate) {

    static BillView of(UtilityBill b) {
      return new BillView(b.billId(), b.periodStart(), b.periodEnd(), b.amount(), b.currency(), b.usage(), b.unit(), b.dueDate(), b.nextBillDate());
    }
  }

  record BalanceView(
      @JsonProperty("as_of") Instant asOf,
      @JsonProperty("current_balance") BigDecimal currentBalance,
      @JsonProperty("available_balance") BigDecimal availableBalance,
      String currency) {

    static BalanceView of(BalanceSnapshot b) {
      return new BalanceView(b.asOf(), b.balance().currentBalance(), b.balance().availableBalance(), b.balance().currency());
    }
  }

  record TransactionView(
      @JsonProperty("transaction_id") String transactionId,
      String status,
      @JsonProperty("posting_time") Instant postingTime,
      @JsonProperty("execution_time") Instant executionTime,
      BigDecimal amount,
      String currency,
      String description,
      String type,
      String reference) {

    static TransactionView of(BankTransaction t) {
      return new TransactionView(t.transactionId(), t.status(), t.postingTime(), t.executionTime(), t.amount(), t.currency(),
          t.description(), t.type(), t.reference());
    }
  }

  /** One page of one account's records of one type. */
  record RecordPage(
      @JsonProperty("account_id") UUID accountId,
      @JsonProperty("account_number") String accountNumber,
      @JsonProperty("data_type") String dataType,
      @JsonProperty("interval_resolution_minutes") Integer intervalResolutionMinutes,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<IntervalView> intervals,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<BillView> bills,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<BalanceView> balances,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<TransactionView> transactions,
      @JsonProperty("next_cursor") String nextCursor) {}

  record ProcessingView(@JsonProperty("account_id") UUID accountId, List<SubstageView> results) {}

  record SubstageView(
      String substage,
      @JsonProperty("session_id") UUID sessionId,
      @JsonProperty("computed_at") Instant computedAt,
      @JsonRawValue String result) {}

  record UserInfoView(@JsonProperty("connection_id") UUID connectionId, @JsonRawValue String customer) {}

  record SessionDelivery(
      @JsonProperty("session_id") UUID sessionId,
      @JsonProperty("data_type") String dataType,
      @JsonProperty("account_id") UUID accountId,
      @JsonProperty("new_records") long newRecords,
      @JsonProperty("overlapping_records") long overlappingRecords,
      RecordPage page,
      @JsonProperty("next_account_id") UUID nextAccountId) {}

  // --- routes ----------------------------------------------------------------------------------

  @GetMapping("/accounts/{accountId}")
  Mono<AccountView> account(@PathVariable String accountId, ServerWebExchange exchange) {
    return owned(accountId, exchange).map(DataApiController::view);
  }

  @GetMapping("/data/connections/{connectionId}/accounts")
  Mono<AccountList> accounts(@PathVariable String connectionId, ServerWebExchange exchange) {
    UUID id = uuid("connection_id", connectionId);
    String app = CallerApp.require(exchange);
    return queries.accountsOf(id, app).collectList()
        .filter(list -> !list.isEmpty())
        .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("connection", connectionId)))
        .map(list -> new AccountList(id, list.stream().map(DataApiController::view).toList()));
  }

  @GetMapping("/data/connections/{connectionId}/user-info")
  Mono<UserInfoView> userInfo(@PathVariable String connectionId, ServerWebExchange exchange) {
    UUID id = uuid("connection_id", connectionId);
    return queries.customerOf(id, CallerApp.require(exchange))
        .map(json -> new UserInfoView(id, json))
        .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("user info of connection", connectionId)));
  }

  /** The record routes of an account, by the name of their collection. */
  private static final Map<String, DataType> COLLECTIONS = Map.of(
      "intervals", DataType.INTERVAL,
      "bills", DataType.BILL,
      "balances", DataType.BANK_BALANCE,
      "transactions", DataType.BANK_TRANSACTION);

  @GetMapping("/accounts/{accountId}/{collection:intervals|bills|balances|transactions}")
  Mono<RecordPage> records(
      @PathVariable String accountId, @PathVariable String collection, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String limit,
      @RequestParam(required = false) String cursor, ServerWebExchange exchange) {
    return page(accountId, COLLECTIONS.get(collection), from, to, limit, cursor, exchange);
  }

  @GetMapping("/accounts/{accountId}/processing")
  Mono<ProcessingView> processing(@PathVariable String accountId, ServerWebExchange exchange) {
    return owned(accountId, exchange).flatMap(account -> results.of(account.accountId())
        .map(list -> new ProcessingView(account.accountId(), list.stream()
            .map(r -> new SubstageView(r.substage(), r.sessionId(), r.computedAt(), r.json()))
            .toList())));
  }

  /**
   * What a session delivered of a data type, one account at a time: the page of {@code
   * account_id} (the first account when absent), with {@code next_cursor} for its next page and
   * {@code next_account_id} once it is done.
   */
  @GetMapping("/data/sessions/{sessionId}/{dataType}")
  Mono<SessionDelivery> delivered(
      @PathVariable String sessionId, @PathVariable String dataType, @RequestParam(name = "account_id", required = false) String accountId,
      @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor, ServerWebExchange exchange) {
    UUID session = uuid("session_id", sessionId);
    DataType type = DataType.ofWireName(dataType).filter(t -> RecordTable.of(t).isPresent())
        .orElseThrow(() -> ApiProblem.invalidField("data_type", "'" + dataType + "' is not a delivered data type",
            List.of("interval", "bill", "bank_account", "bank_balance", "bank_transaction")));
    UUID wanted = accountId == null ? null : uuid("account_id", accountId);
    int pageSize = limit(limit);
    Cursor after = Cursor.decode(cursor);
    String app = CallerApp.require(exchange);
    return queries.deliveriesOf(session, type, app).collectList().flatMap(deliveries -> {
      if (deliveries.isEmpty()) {
        return Mono.error(ApiProblem.notFound("delivery of " + type.wireName() + " by session", sessionId));
      }
      int index = 0;
      if (wanted != null) {
        index = -1;
        for (int i = 0; i < deliveries.size(); i++) {
          if (deliveries.get(i).account().accountId().equals(wanted)) {
            index = i;
          }
        }
        if (index < 0) {
          return Mono.error(ApiProblem.notFound("account " + accountId + " in the delivery of session", sessionId));
        }
      }
      DataQueries.DeliveryRow d = deliveries.get(index);
      UUID next = index + 1 < deliveries.size() ? deliveries.get(index + 1).account().accountId() : null;
      FetchWindow rewind = d.windowFrom() == null ? null : new FetchWindow(d.windowFrom(), d.windowTo());
      Filter filter = Deliveries.deliveredBy(RecordTable.of(type).orElseThrow(), d.afterSeq(), d.throughSeq(), rewind);
      return records(d.account(), type, filter, after, pageSize)
          .map(page -> new SessionDelivery(session, type.wireName(), d.account().accountId(), d.newRecords(), d.overlapping(), page, next));
    });
  }

  // --- helpers ---------------------------------------------------------------------------------

  private Mono<DataQueries.AccountRow> owned(String accountId, ServerWebExchange exchange) {
    UUID id = uuid("account_id", accountId);
    return queries.account(id, CallerApp.require(exchange)).switchIfEmpty(Mono.error(() -> ApiProblem.notFound("account", accountId)));
  }

  private Mono<RecordPage> page(String accountId, DataType type, String from, String to, String limit, String cursor, ServerWebExchange exchange) {
    Instant start = instant("from", from);
    Instant end = instant("to", to);
    if (start != null && end != null && !end.isAfter(start)) {
      throw ApiProblem.invalidField("to", "'to' must be after 'from'");
    }
    int pageSize = limit(limit);
    Cursor after = Cursor.decode(cursor);
    RecordTable table = RecordTable.of(type).orElseThrow();
    Map<String, Object> values = new HashMap<>();
    StringBuilder sql = new StringBuilder("TRUE");
    if (start != null) {
      sql.append(" AND ").append(table.time).append(" >= :from");
      values.put("from", start);
    }
    if (end != null) {
      sql.append(" AND ").append(table.time).append(" < :to");
      values.put("to", end);
    }
    return owned(accountId, exchange).flatMap(account -> {
      if (!account.dataTypes().contains(type.wireName())) {
        return Mono.error(ApiProblem.invalidField("account_id", "account " + accountId + " holds no " + type.wireName() + " data",
            account.dataTypes()));
      }
      return records(account, type, Filter.of(sql.toString(), values), after, pageSize);
    });
  }

  private Mono<RecordPage> records(DataQueries.AccountRow account, DataType type, Filter filter, Cursor after, int pageSize) {
    Filter paged = queries.after(RecordTable.of(type).orElseThrow(), filter, after);
    Integer minutes = account.intervalSeconds() == null || account.intervalSeconds() == 0 ? null : account.intervalSeconds() / 60;
    UUID id = account.accountId();
    String number = account.accountNumber();
    return switch (type) {
      case INTERVAL -> queries.reader().intervals(id, paged, pageSize + 1).collectList().map(rows -> new RecordPage(id, number, type.wireName(),
          minutes, firsts(rows, pageSize).stream().map(IntervalView::of).toList(), null, null, null,
          next(rows, pageSize, r -> new Cursor(r.start(), null))));
      case BILL -> queries.reader().bills(id, paged, pageSize + 1).collectList().map(rows -> new RecordPage(id, number, type.wireName(),
          null, null, firsts(rows, pageSize).stream().map(BillView::of).toList(), null, null,
          next(rows, pageSize, r -> new Cursor(r.periodStart(), null))));
      case BANK_BALANCE -> queries.reader().balances(id, number, paged, pageSize + 1).collectList().map(rows -> new RecordPage(id, number,
          type.wireName(), null, null, null, firsts(rows, pageSize).stream().map(BalanceView::of).toList(), null,
          next(rows, pageSize, r -> new Cursor(r.asOf(), null))));
      case BANK_TRANSACTION -> queries.reader().transactions(id, number, paged, pageSize + 1).collectList().map(rows -> new RecordPage(id,
          number, type.wireName(), null, null, null, null, firsts(rows, pageSize).stream().map(TransactionView::of).toList(),
          next(rows, pageSize, r -> new Cursor(r.postingTime() != null ? r.postingTime() : r.executionTime(), r.transactionId()))));
      default -> Mono.just(new RecordPage(id, number, type.wireName(), null, null, null, null, null, null));
    };
  }

  private static <T> List<T> firsts(List<T> rows, int pageSize) {
    return rows.size() > pageSize ? rows.subList(0, pageSize) : rows;
  }

  private static <T> String next(List<T> rows, int pageSize, java.util.function.Function<T, Cursor> cursorOf) {
    return rows.size() > pageSize ? cursorOf.apply(rows.get(pageSize - 1)).encode() : null;
  }

  private static AccountView view(DataQueries.AccountRow a) {
    return new AccountView(a.accountId(), a.connectionId(), a.providerId(), a.accountNumber(), a.name(), a.kind(), a.dataTypes(), a.unit(),
        a.intervalSeconds() == null || a.intervalSeconds() == 0 ? null : a.intervalSeconds() / 60, a.detailsJson());
  }

  private static UUID uuid(String field, String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.invalidField(field, "'" + value + "' is not a UUID");
    }
  }

  private static Instant instant(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiProblem.invalidField(field, "'" + value + "' is not an ISO-8601 instant such as 2026-01-01T00:00:00Z");
    }
  }

  private static int limit(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiProblem.invalidField("limit", "'" + value + "' is not a whole number from 1 to " + MAX_LIMIT);
  }
}
