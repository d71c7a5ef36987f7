package dev.feedlink.sandbox.bank;

import dev.feedlink.sandbox.SandboxProperties;
import dev.feedlink.sandbox.bank.CdrEnvelope.Paging;
import dev.feedlink.sandbox.bank.CdrErrors.Refusal;
import dev.feedlink.sandbox.bank.domain.Ledger;
import dev.feedlink.sandbox.domain.Provider;
import dev.feedlink.sandbox.login.domain.Behaviour;
import dev.feedlink.sandbox.login.domain.Grant;
import dev.feedlink.sandbox.login.domain.ProviderAccount;
import dev.feedlink.sandbox.provider.ProviderAnswers;
import dev.feedlink.sandbox.provider.ProviderGate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** Sandbox Bank: the Consumer Data Right Banking API (accounts, balances, transactions, customer). */
@RestController
public class BankController {

  static final String BASE = "/bank/cds-au/v1";
  static final int SUPPORTED_VERSION = 1;

  /** The CDR's default transaction window: the 90 days before {@code newest-time}. */
  static final Duration DEFAULT_WINDOW = Duration.ofDays(90);

  private final ProviderGate gate;
  private final SampleBank sample;
  private final Clock clock;
  private final ObjectMapper json;
  private final int historyDays;

  BankController(ProviderGate gate, SampleBank sample, Clock clock, ObjectMapper json, SandboxProperties properties) {
    this.gate = gate;
    this.sample = sample;
    this.clock = clock;
    this.json = json;
    this.historyDays = properties.historyDays();
  }

  @GetMapping(BASE + "/banking/accounts")
  Mono<ResponseEntity<Object>> accounts(
      @RequestParam(name = "page", required = false) String page,
      @RequestParam(name = "page-size", required = false) String pageSize,
      ServerHttpRequest request) {
    return list(request, page, pageSize, "accounts", grant ->
        grant.login().behaviour() == Behaviour.SAMPLE
            ? sample.accounts().stream().filter(a -> grant.covers(a.path("accountId").asString())).toList()
            : grant.accounts().stream().map(a -> CdrBanking.account(a, ledger(grant).historyStart())).toList(),
        "accountId", "productCategory");
  }

  @GetMapping(BASE + "/banking/accounts/balances")
  Mono<ResponseEntity<Object>> balances(
      @RequestParam(name = "page", required = false) String page,
      @RequestParam(name = "page-size", required = false) String pageSize,
      ServerHttpRequest request) {
    return list(request, page, pageSize, "balances", grant -> {
      if (grant.login().behaviour() == Behaviour.SAMPLE) {
        return sample.balances().stream().filter(b -> grant.covers(b.path("accountId").asString())).toList();
      }
      Instant now = clock.instant();
      Ledger ledger = ledger(grant);
      return ledger.hasData() ? grant.accounts().stream().map(a -> CdrBanking.balance(ledger.balance(a, now))).toList() : List.of();
    }, "currentBalance", "availableBalance");
  }

  @GetMapping(BASE + "/banking/accounts/{accountId}/transactions")
  Mono<ResponseEntity<Object>> transactions(
      @PathVariable String accountId,
      @RequestParam(name = "oldest-time", required = false) String oldestTime,
      @RequestParam(name = "newest-time", required = false) String newestTime,
      @RequestParam(name = "page", required = false) String page,
      @RequestParam(name = "page-size", required = false) String pageSize,
      ServerHttpRequest request) {
    return list(request, page, pageSize, "transactions", grant -> {
      ProviderAccount account =
          grant.accounts().stream()
              .filter(a -> a.number().equals(accountId))
              .findFirst()
              .orElseThrow(() -> new Refusal(HttpStatus.NOT_FOUND, CdrErrors.INVALID_ACCOUNT, "Invalid Banking Account",
                  "account " + accountId + " is not one this consent covers"));
      Instant now = clock.instant();
      Instant newest = newestTime == null ? now : time("newest-time", newestTime);
      Instant oldest = oldestTime == null ? newest.minus(DEFAULT_WINDOW) : time("oldest-time", oldestTime);
      return grant.login().behaviour() == Behaviour.SAMPLE
          ? sample.transactions(account.number()).orElse(List.of())
          : ledger(grant).transactions(account, oldest, newest, now).stream().map(CdrBanking::transaction).toList();
    }, "transactionId", "amount", "status");
  }

  /** A paginated CDR list: {@code items} of the grant, one page of them under {@code data.<name>}. */
  private Mono<ResponseEntity<Object>> list(
      ServerHttpRequest request, String page, String pageSize, String name, Function<Grant, List<?>> items, String... required) {
    return gate.data(Provider.BANK, request, grant -> cdr(request, () -> {
      Paging paging = paging(page, pageSize);
      List<?> all = items.apply(grant);
      return CdrEnvelope.page(name, malformed(grant, all, required), checked(paging, all.size()), request.getURI());
    }));
  }

  @GetMapping(BASE + "/common/customer")
  Mono<ResponseEntity<Object>> customer(ServerHttpRequest request) {
    return gate.data(Provider.BANK, request, grant -> cdr(request, () -> {
      Object customer =
          grant.login().behaviour() == Behaviour.SAMPLE
              ? sample.customer()
              : CdrBanking.customer(grant.username(), ledger(grant).historyStart().atStartOfDay(Ledger.ZONE).toInstant());
      List<?> malformed = malformed(grant, List.of(customer), "customerUType");
      return CdrEnvelope.single(malformed.get(0), request.getURI());
    }));
  }

  private Ledger ledger(Grant grant) {
    return new Ledger(
        grant.username(),
        grant.login().accounts(),
        grant.firstLogin().atZone(Ledger.ZONE).toLocalDate().minusDays(historyDays),
        grant.login().behaviour() != Behaviour.NO_DATA);
  }

  /** {@code user_malformed}: the same documents without fields the CDR requires. */
  private List<?> malformed(Grant grant, List<?> items, String... required) {
    if (grant.login().behaviour() != Behaviour.MALFORMED) {
      return items;
    }
    return items.stream()
        .map(item -> {
          ObjectNode node = json.valueToTree(item);
          node.remove(List.of(required));
          return node;
        })
        .toList();
  }

  /** The CDR's headers and errors around a handler: {@code x-v} negotiation, the interaction id. */
  private Mono<ResponseEntity<Object>> cdr(ServerHttpRequest request, Supplier<CdrEnvelope> handler) {
    String interaction = request.getHeaders().getFirst("x-fapi-interaction-id");
    String interactionId = interaction == null || interaction.isBlank() ? UUID.randomUUID().toString() : interaction;
    ResponseEntity<Object> answer;
    try {
      version(request);
      answer = ProviderAnswers.json(HttpStatus.OK).header("x-v", Integer.toString(SUPPORTED_VERSION)).body(handler.get());
    } catch (Refusal refusal) {
      answer = refusal.answer();
    }
    return Mono.just(ResponseEntity.status(answer.getStatusCode())
        .headers(answer.getHeaders())
        .header("x-fapi-interaction-id", interactionId)
        .body(answer.getBody()));
  }

  /** The CDR's version rule: serve a version between {@code x-min-v} and {@code x-v}, else 406. */
  private static void version(ServerHttpRequest request) {
    String xv = request.getHeaders().getFirst("x-v");
    if (xv == null || xv.isBlank()) {
      throw new Refusal(HttpStatus.BAD_REQUEST, CdrErrors.HEADER_MISSING, "Missing Required Header", "x-v is required (this bank serves version 1)");
    }
    int max = positive(xv, "x-v");
    String xminv = request.getHeaders().getFirst("x-min-v");
    int min = xminv == null || xminv.isBlank() ? max : positive(xminv, "x-min-v");
    if (SUPPORTED_VERSION < min || SUPPORTED_VERSION > max) {
      throw new Refusal(HttpStatus.NOT_ACCEPTABLE, CdrErrors.UNSUPPORTED_VERSION, "Unsupported Version",
          "this bank serves version " + SUPPORTED_VERSION + " only; asked for " + (min == max ? "" + max : min + ".." + max));
    }
  }

  private static int positive(String value, String header) {
    try {
      int v = Integer.parseInt(value.strip());
      if (v >= 1) {
        return v;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new Refusal(HttpStatus.BAD_REQUEST, CdrErrors.INVALID_VERSION, "Invalid Version Requested", header + " must be a positive integer, not \"" + value + "\"");
  }

  private static Paging paging(String page, String pageSize) {
    int p = page == null ? 1 : integer(page, "page", CdrErrors.FIELD_INVALID, "Invalid Field");
    if (p < 1) {
      throw new Refusal(HttpStatus.BAD_REQUEST, CdrErrors.FIELD_INVALID, "Invalid Field", "page must be a positive integer");
    }
    int size = pageSize == null ? Paging.DEFAULT_SIZE : integer(pageSize, "page-size", CdrErrors.INVALID_PAGE_SIZE, "Invalid Page Size");
    if (size < 1 || size > Paging.MAX_SIZE) {
      throw new Refusal(HttpStatus.BAD_REQUEST, CdrErrors.INVALID_PAGE_SIZE, "Invalid Page Size",
          "page-size must be between 1 and " + Paging.MAX_SIZE + ", not " + size);
    }
    return new Paging(p, size);
  }

  private static int integer(String value, String field, String code, String title) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new Refusal(HttpStatus.BAD_REQUEST, code, title, field + " must be a positive integer, not \"" + value + "\"");
    }
  }

  /** A page beyond the last is refused (422), as the CDR says; page 1 of an empty list is fine. */
  private static Paging checked(Paging paging, int total) {
    int last = Math.max(1, paging.lastPage(total));
    if (paging.page() > last) {
      throw new Refusal(HttpStatus.UNPROCESSABLE_CONTENT, CdrErrors.INVALID_PAGE, "Invalid Page",
          "page " + paging.page() + " is beyond the last page, " + last);
    }
    return paging;
  }

  private static Instant time(String field, String value) {
    try {
      return OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw new Refusal(HttpStatus.BAD_REQUEST, CdrErrors.INVALID_DATE_TIME, "Invalid Date",
          field + " must be an RFC 3339 date-time such as 2026-10-01T00:00:00Z, not \"" + value + "\"");
    }
  }
}
