package dev.feedlink.pipeline.data;

import dev.feedlink.pipeline.data.domain.AccountIds;
import dev.feedlink.pipeline.provider.domain.BankAccount;
import dev.feedlink.pipeline.provider.domain.BankBalance;
import dev.feedlink.pipeline.provider.domain.BankTransaction;
import dev.feedlink.pipeline.provider.domain.DataType;
import dev.feedlink.pipeline.provider.domain.LinkedAccount;
import dev.feedlink.pipeline.provider.domain.ProviderData;
import dev.feedlink.pipeline.provider.domain.UtilityAccount;
import dev.feedlink.pipeline.provider.domain.UtilityBill;
import io.r2dbc.postgresql.codec.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stores what providers serve, idempotently on natural keys: a reading is its account and interval
 * start, a bill its account and period start, a transaction its account and id, a balance a change
 * of the account's balance. Every row stored in one session batch carries one {@code stored_seq};
 * storing locks the accounts' watermark rows first, so {@link Deliveries} never passes a batch that
 * is not yet visible. Runs inside the caller's transaction.
 */
public final class ProviderDataStore {

  /** What storing a session's data did. */
  public record Stored(long records, long newlyStored, boolean dataFound) {}

  private final DatabaseClient db;
  private final ObjectMapper json;
  private final IntervalWriter intervals;

  public ProviderDataStore(DatabaseClient db, ObjectMapper json) {
    this.db = db;
    this.json = json;
    this.intervals = new IntervalWriter(db);
  }

  /** Records the accounts a login gave access to; returns their stable ids, in order. */
  public Mono<List<UUID>> linkAccounts(UUID connectionId, String appId, UUID providerId, List<LinkedAccount> accounts, Instant now) {
    return Flux.fromIterable(accounts)
        .concatMap(a -> {
          UUID id = AccountIds.of(connectionId, a.accountNumber());
          return upsertAccount(id, connectionId, appId, providerId, a.accountNumber(), a.name(), a.kind(), a.dataTypes(), now)
              .thenReturn(id);
        })
        .collectList();
  }

  private Mono<Void> upsertAccount(
      UUID id, UUID connectionId, String appId, UUID providerId, String number, String name, String kind, List<String> types, Instant now) {
    return db.sql(
            "INSERT INTO account (account_id, connection_id, app_id, provider_id, account_number, name, kind, data_types, created_at, updated_at)"
                + " VALUES (:id, :connection, :app, :provider, :number, :name, :kind, :types, :now, :now)"
                + " ON CONFLICT (account_id) DO UPDATE SET name = COALESCE(EXCLUDED.name, account.name),"
                + " kind = EXCLUDED.kind, data_types = EXCLUDED.data_types, app_id = EXCLUDED.app_id, updated_at = EXCLUDED.updated_at")
        .bind("id", id)
        .bind("connection", connectionId)
        .bind("app", appId)
        .bind("provider", providerId)
        .bind("number", number)
        .bind("name", nullable(name))
        .bind("kind", kind)
        .bind("types", types.toArray(String[]::new))
        .bind("now", now)
        .then();
  }

  /** Locks the watermark rows of these accounts (creating them), in one order for every caller. */
  public Mono<Void> lockWatermarks(Collection<UUID> accountIds, Collection<DataType> types) {
    if (accountIds.isEmpty() || types.isEmpty()) {
      return Mono.empty();
    }
    List<String> accounts = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    for (UUID a : accountIds.stream().sorted().toList()) {
      for (DataType t : types) {
        accounts.add(a.toString());
        kinds.add(t.wireName());
      }
    }
    String[] accountArray = accounts.toArray(String[]::new);
    String[] typeArray = kinds.toArray(String[]::new);
    return db.sql("INSERT INTO watermark (account_id, data_type) SELECT a::uuid, t FROM unnest(:accounts::text[], :types::text[]) AS u(a, t)"
            + " ON CONFLICT DO NOTHING")
        .bind("accounts", accountArray)
        .bind("types", typeArray)
        .then()
        .then(db.sql("SELECT 1 FROM watermark WHERE (account_id, data_type) IN"
                + " (SELECT a::uuid, t FROM unnest(:accounts::text[], :types::text[]) AS u(a, t))"
                + " ORDER BY account_id, data_type FOR UPDATE")
            .bind("accounts", accountArray)
            .bind("types", typeArray)
            .fetch()
            .all()
            .then());
  }

  /** Stores a session's structured data (only the given accounts' records); one batch sequence value. */
  public Mono<Stored> store(UUID connectionId, String appId, UUID providerId, ProviderData data, Collection<String> accountNumbers, Instant now) {
    List<UUID> ids = accountNumbers.stream().map(n -> AccountIds.of(connectionId, n)).toList();
    List<DataType> types = data instanceof ProviderData.Utility ? DataType.UTILITY : DataType.BANK;
    return lockWatermarks(ids, types.stream().filter(DataType::isDelivered).toList())
        .then(db.sql("SELECT nextval('ingest_seq')").map(row -> row.get(0, Long.class)).one())
        .flatMap(seq -> data instanceof ProviderData.Utility utility
            ? storeUtility(connectionId, appId, providerId, utility, accountNumbers, seq, now)
            : storeBank(connectionId, appId, providerId, (ProviderData.Bank) data, accountNumbers, seq, now));
  }

  private Mono<Stored> storeUtility(
      UUID connectionId, String appId, UUID providerId, ProviderData.Utility data, Collection<String> numbers, long seq, Instant now) {
    List<UtilityAccount> accounts = data.accounts().stream().filter(a -> numbers.contains(a.accountNumber())).toList();
    long records = accounts.stream().mapToLong(a -> a.intervals().size() + a.bills().size()).sum();
    return Flux.fromIterable(accounts)
        .concatMap(a -> {
          UUID id = AccountIds.of(connectionId, a.accountNumber());
          Mono<Void> account = upsertAccount(id, connectionId, appId, providerId, a.accountNumber(), a.name(), a.kind(),
                  DataType.UTILITY.stream().map(DataType::wireName).toList(), now)
              .then(db.sql("UPDATE account SET unit = :unit, interval_seconds = :seconds, tz_offset = :tz, dst_offset = :dst,"
                      + " dst_start_rule = :start, dst_end_rule = :end WHERE account_id = :id")
                  .bind("unit", nullable(a.unit()))
                  .bind("seconds", a.intervalSeconds())
                  .bind("tz", a.localTime().tzOffsetSeconds())
                  .bind("dst", a.localTime().dstOffsetSeconds())
                  .bind("start", a.localTime().dstStartRule())
                  .bind("end", a.localTime().dstEndRule())
                  .bind("id", id)
                  .then());
          return account.then(intervals.write(id, seq, a.intervals()))
              .flatMap(n -> storeBills(id, seq, a.bills()).map(b -> n + b));
        })
        .reduce(0L, Long::sum)
        .map(inserted -> new Stored(records, inserted, records > 0));
  }

  private Mono<Long> storeBills(UUID accountId, long seq, List<UtilityBill> bills) {
    return Flux.fromIterable(bills)
        .concatMap(b -> db.sql("INSERT INTO bill (account_id, period_start, period_end, amount, currency, usage, unit, due_date,"
                + " next_bill_date, stored_seq) VALUES (:account, :start, :end, :amount, :currency, :usage, :unit, :due, :next, :seq)"
                + " ON CONFLICT (account_id, period_start) DO NOTHING")
            .bind("account", accountId)
            .bind("start", b.periodStart())
            .bind("end", b.periodEnd())
            .bind("amount", nullable(b.amount()))
            .bind("currency", b.currency())
            .bind("usage", nullable(b.usage()))
            .bind("unit", nullable(b.unit()))
            .bind("due", nullable(b.dueDate()))
            .bind("next", nullable(b.nextBillDate()))
            .bind("seq", seq)
            .fetch()
            .rowsUpdated())
        .reduce(0L, Long::sum);
  }

  private Mono<Stored> storeBank(
      UUID connectionId, String appId, UUID providerId, ProviderData.Bank data, Collection<String> numbers, long seq, Instant now) {
    List<BankAccount> accounts = data.accounts().stream().filter(a -> numbers.contains(a.accountId())).toList();
    List<BankBalance> balances = data.balances().stream().filter(b -> numbers.contains(b.accountId())).toList();
    List<BankTransaction> transactions = data.transactions().stream().filter(t -> numbers.contains(t.accountId())).toList();
    long records = accounts.size() + balances.size() + transactions.size();
    Mono<Long> storedAccounts = Flux.fromIterable(accounts)
        .concatMap(a -> db.sql("UPDATE account SET details = :details, name = COALESCE(name, :name),"
                + " stored_seq = COALESCE(stored_seq, :seq), updated_at = :now WHERE account_id = :id RETURNING stored_seq")
            .bind("details", Json.of(json.writeValueAsString(details(a))))
            .bind("name", a.displayName())
            .bind("seq", seq)
            .bind("now", now)
            .bind("id", AccountIds.of(connectionId, a.accountId()))
            .map(row -> row.get(0, Long.class) == seq ? 1L : 0L)
            .one()
            .defaultIfEmpty(0L))
        .reduce(0L, Long::sum);
    Mono<Long> storedBalances = Flux.fromIterable(balances)
        .concatMap(b -> balance(AccountIds.of(connectionId, b.accountId()), b, seq, now))
        .reduce(0L, Long::sum);
    Mono<Long> storedTransactions = Flux.fromIterable(numbers)
        .concatMap(n -> transactions(AccountIds.of(connectionId, n),
            transactions.stream().filter(t -> t.accountId().equals(n)).toList(), seq))
        .reduce(0L, Long::sum);
    Mono<Void> customer = data.customerJson() == null
        ? Mono.empty()
        : db.sql("INSERT INTO bank_customer (connection_id, customer, updated_at) VALUES (:c, :doc, :now)"
                + " ON CONFLICT (connection_id) DO UPDATE SET customer = EXCLUDED.customer, updated_at = EXCLUDED.updated_at")
            .bind("c", connectionId)
            .bind("doc", Json.of(data.customerJson()))
            .bind("now", now)
            .then();
    return storedAccounts
        .flatMap(a -> storedBalances.map(b -> a + b))
        .flatMap(ab -> storedTransactions.map(t -> ab + t))
        .flatMap(inserted -> customer.thenReturn(new Stored(records, inserted, !balances.isEmpty() || !transactions.isEmpty())));
  }

  private ObjectNode details(BankAccount a) {
    ObjectNode node = json.createObjectNode();
    node.put("display_name", a.displayName());
    node.put("nickname", a.nickname());
    node.put("masked_number", a.maskedNumber());
    node.put("product_category", a.productCategory());
    node.put("product_name", a.productName());
    node.put("open_status", a.openStatus());
    node.put("is_owned", a.owned());
    return node;
  }

  private Mono<Long> balance(UUID accountId, BankBalance b, long seq, Instant now) {
    return db.sql("INSERT INTO bank_balance (account_id, as_of, current_balance, available_balance, currency, stored_seq)"
            + " SELECT :account, :asOf, :current, :available, :currency, :seq WHERE NOT EXISTS ("
            + " SELECT 1 FROM (SELECT current_balance, available_balance, currency FROM bank_balance WHERE account_id = :account"
            + " ORDER BY as_of DESC LIMIT 1) latest WHERE latest.current_balance = :current"
            + " AND latest.available_balance IS NOT DISTINCT FROM :available AND latest.currency = :currency)"
            + " ON CONFLICT (account_id, as_of) DO NOTHING")
        .bind("account", accountId)
        .bind("asOf", now)
        .bind("current", b.currentBalance())
        .bind("available", nullable(b.availableBalance()))
        .bind("currency", b.currency())
        .bind("seq", seq)
        .fetch()
        .rowsUpdated();
  }

  private Mono<Long> transactions(UUID accountId, List<BankTransaction> rows, long seq) {
    if (rows.isEmpty()) {
      return Mono.just(0L);
    }
    int n = rows.size();
    String[] ids = new String[n];
    String[] statuses = new String[n];
    String[] postings = new String[n];
    String[] executions = new String[n];
    String[] amounts = new String[n];
    String[] currencies = new String[n];
    String[] descriptions = new String[n];
    String[] types = new String[n];
    String[] references = new String[n];
    List<BankTransaction> sorted = rows.stream().sorted(Comparator.comparing(BankTransaction::transactionId)).toList();
    for (int i = 0; i < n; i++) {
      BankTransaction t = sorted.get(i);
      ids[i] = t.transactionId();
      statuses[i] = t.status();
      postings[i] = t.postingTime() == null ? null : t.postingTime().toString();
      executions[i] = t.executionTime() == null ? null : t.executionTime().toString();
      amounts[i] = t.amount().toPlainString();
      currencies[i] = t.currency();
      descriptions[i] = t.description();
      types[i] = t.type();
      references[i] = t.reference();
    }
    return db.sql("INSERT INTO bank_transaction (account_id, transaction_id, status, posting_time, execution_time, amount, currency,"
            + " description, type, reference, stored_seq)"
            + " SELECT :account, u.id, u.st, u.p::timestamptz, u.e::timestamptz, u.a::numeric, u.c, u.d, u.ty, u.r, :seq"
            + " FROM unnest(:ids::text[], :statuses::text[], :postings::text[], :executions::text[], :amounts::text[],"
            + " :currencies::text[], :descriptions::text[], :types::text[], :references::text[]) AS u(id, st, p, e, a, c, d, ty, r)"
            + " ON CONFLICT (account_id, transaction_id) DO NOTHING")
        .bind("account", accountId)
        .bind("seq", seq)
        .bind("ids", ids)
        .bind("statuses", statuses)
        .bind("postings", postings)
        .bind("executions", executions)
        .bind("amounts", amounts)
        .bind("currencies", currencies)
        .bind("descriptions", descriptions)
        .bind("types", types)
        .bind("references", references)
        .fetch()
        .rowsUpdated();
  }

  /** The newest record time delivered for an account and type: where a refresh fetches from. */
  public Mono<Instant> latestDelivered(UUID accountId, DataType type) {
    return db.sql("SELECT latest_record_at FROM watermark WHERE account_id = :a AND data_type = :t AND latest_record_at IS NOT NULL")
        .bind("a", accountId)
        .bind("t", type.wireName())
        .map(row -> row.get(0, Instant.class))
        .one();
  }

  /** Of these accounts, those holding {@code type}, as a delivery covers them. */
  public Mono<List<Deliveries.Target>> targets(UUID connectionId, List<LinkedAccount> accounts, DataType type) {
    List<String> numbers = accounts.stream().map(LinkedAccount::accountNumber).toList();
    if (numbers.isEmpty()) {
      return Mono.just(List.of());
    }
    return db.sql("SELECT account_id, account_number, interval_seconds FROM account WHERE connection_id = :c"
            + " AND account_number = ANY(:numbers) AND :type = ANY(data_types) ORDER BY account_number")
        .bind("c", connectionId)
        .bind("numbers", numbers.toArray(String[]::new))
        .bind("type", type.wireName())
        .map(row -> new Deliveries.Target(row.get("account_id", UUID.class), row.get("account_number", String.class),
            row.get("interval_seconds", Integer.class)))
        .all()
        .collectList();
  }

  /** Accounts of a connection: number to id, name, kind, data types. */
  public Mono<Map<String, LinkedAccount>> accountsOf(UUID connectionId) {
    return db.sql("SELECT account_number, name, kind, data_types FROM account WHERE connection_id = :c ORDER BY account_number")
        .bind("c", connectionId)
        .map(row -> new LinkedAccount(
            row.get("account_number", String.class),
            row.get("name", String.class),
            row.get("kind", String.class),
            List.of(row.get("data_types", String[].class))))
        .all()
        .collectMap(LinkedAccount::accountNumber, a -> a, LinkedHashMap::new);
  }

  static org.springframework.r2dbc.core.Parameter nullable(String value) {
    return org.springframework.r2dbc.core.Parameter.fromOrEmpty(value, String.class);
  }

  static org.springframework.r2dbc.core.Parameter nullable(BigDecimal value) {
    return org.springframework.r2dbc.core.Parameter.fromOrEmpty(value, BigDecimal.class);
  }

  static org.springframework.r2dbc.core.Parameter nullable(java.time.LocalDate value) {
    return org.springframework.r2dbc.core.Parameter.fromOrEmpty(value, java.time.LocalDate.class);
  }
}
