package dev.feedlink.pipeline.provider;

import dev.feedlink.pipeline.provider.CdrBankingParser.Page;
import dev.feedlink.pipeline.provider.ProviderHttp.ProviderUnavailableException;
import dev.feedlink.pipeline.provider.ProviderHttp.Response;
import dev.feedlink.pipeline.provider.domain.BankAccount;
import dev.feedlink.pipeline.provider.domain.BankBalance;
import dev.feedlink.pipeline.provider.domain.BankTransaction;
import dev.feedlink.pipeline.provider.domain.DataType;
import dev.feedlink.pipeline.provider.domain.FetchOutcome;
import dev.feedlink.pipeline.provider.domain.FetchWindow;
import dev.feedlink.pipeline.provider.domain.LinkedAccount;
import dev.feedlink.pipeline.provider.domain.MalformedDocumentException;
import dev.feedlink.pipeline.provider.domain.ProviderData;
import dev.feedlink.pipeline.provider.domain.ProviderDescriptor;
import dev.feedlink.pipeline.provider.domain.RawDocument;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * A bank serving the Consumer Data Right banking API: accounts, balances, each account's
 * transactions in the window and the customer, each list followed through its {@code links.next}
 * pages.
 */
public final class CdrBankingConnector extends CredentialLoginConnector {

  public static final String ACCOUNTS = "cdr-accounts";
  public static final String BALANCES = "cdr-balances";
  public static final String TRANSACTIONS = "cdr-transactions";
  public static final String CUSTOMER = "cdr-customer";

  /** A bank sending pages forever is a bug on its side, not a reason to loop. */
  private static final int MAX_PAGES = 10_000;
  private static final int PAGE_SIZE = 1000;

  private final ProviderHttp http;
  private final CdrBankingParser parser;
  private final URI api;

  public CdrBankingConnector(ProviderDescriptor descriptor, ProviderHttp http, ObjectMapper json, URI base) {
    super(descriptor, http, json, base);
    this.http = http;
    this.parser = new CdrBankingParser(json);
    this.api = UriComponentsBuilder.fromUri(base).path("/cds-au/v1").build().toUri();
  }

  /** A request that went wrong in a way that ends the fetch with this outcome. */
  private static final class Stop extends RuntimeException {
    final FetchOutcome outcome;

    Stop(FetchOutcome outcome) {
      super(null, null, false, false);
      this.outcome = outcome;
    }
  }

  @Override
  public Mono<FetchOutcome> fetch(ProviderAccess access, List<LinkedAccount> accounts, Collection<DataType> types, FetchWindow window) {
    List<Mono<List<RawDocument>>> parts = new ArrayList<>();
    parts.add(pages(access, ACCOUNTS, null, url("/banking/accounts").queryParam("page-size", PAGE_SIZE), b -> parser.accounts(b).next()));
    if (types.contains(DataType.BANK_BALANCE)) {
      parts.add(pages(access, BALANCES, null, url("/banking/accounts/balances").queryParam("page-size", PAGE_SIZE), b -> parser.balances(b).next()));
    }
    if (types.contains(DataType.BANK_TRANSACTION)) {
      for (LinkedAccount account : accounts) {
        UriComponentsBuilder uri = url("/banking/accounts/{id}/transactions")
            .queryParam("oldest-time", iso(window.from()))
            .queryParam("page-size", PAGE_SIZE);
        if (window.to() != null) {
          uri.queryParam("newest-time", iso(window.to()));
        }
        uri.uriVariables(Map.of("id", account.accountNumber()));
        parts.add(pages(access, TRANSACTIONS, account.accountNumber(), uri, b -> parser.transactions(b).next()));
      }
    }
    if (types.contains(DataType.USER_INFO)) {
      parts.add(get(access, "CDR customer", url("/common/customer").build().toUri())
          .map(body -> List.of(new RawDocument(CUSTOMER, null, body))));
    }
    // One request at a time: a bank's rate limits matter more than our latency here.
    return Flux.concat(parts)
        .concatMapIterable(Function.identity())
        .collectList()
        .<FetchOutcome>map(FetchOutcome.Fetched::new)
        .onErrorResume(Stop.class, stop -> Mono.just(stop.outcome))
        .onErrorResume(ProviderUnavailableException.class, e -> Mono.just(new FetchOutcome.Unavailable(e.getMessage())));
  }

  private UriComponentsBuilder url(String path) {
    return UriComponentsBuilder.fromUri(api).path(path);
  }

  private Mono<List<RawDocument>> pages(
      ProviderAccess access, String kind, String accountNumber, UriComponentsBuilder first, Function<byte[], String> nextOf) {
    URI start = first.build().encode().toUri();
    return Mono.defer(() -> {
      List<RawDocument> documents = new ArrayList<>();
      return collect(access, kind, accountNumber, start, nextOf, documents, 0).thenReturn(documents);
    });
  }

  private Mono<Void> collect(
      ProviderAccess access, String kind, String accountNumber, URI page, Function<byte[], String> nextOf, List<RawDocument> into, int count) {
    if (count >= MAX_PAGES) {
      return Mono.error(new Stop(new FetchOutcome.Malformed("CDR " + kind + ": more than " + MAX_PAGES + " pages")));
    }
    return get(access, "CDR " + kind, page).flatMap(body -> {
      into.add(new RawDocument(kind, accountNumber, body));
      String next;
      try {
        next = nextOf.apply(body);
      } catch (MalformedDocumentException e) {
        return Mono.error(new Stop(new FetchOutcome.Malformed(e.getMessage())));
      }
      return next == null ? Mono.empty() : collect(access, kind, accountNumber, api.resolve(next), nextOf, into, count + 1);
    });
  }

  private Mono<byte[]> get(ProviderAccess access, String what, URI target) {
    return http.send(what, target, web -> web.get().uri(target)
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + access.accessToken())
            .header("x-v", "1")
            .accept(MediaType.APPLICATION_JSON))
        .flatMap(response -> response.status() == 200
            ? Mono.just(response.body())
            : Mono.error(new Stop(refused(what, response))));
  }

  private static FetchOutcome refused(String what, Response response) {
    return new FetchOutcome.Refused(response.status(), what + " answered " + response.status() + " "
        + new String(response.body(), StandardCharsets.UTF_8).strip());
  }


  @Override
  public ProviderData structure(List<RawDocument> documents) {
    Map<String, BankAccount> accounts = new LinkedHashMap<>();
    Map<String, BankBalance> balances = new LinkedHashMap<>();
    Map<String, BankTransaction> transactions = new LinkedHashMap<>();
    String customer = null;
    for (RawDocument d : documents) {
      switch (d.kind()) {
        case ACCOUNTS -> parser.accounts(d.content()).items().forEach(a -> accounts.putIfAbsent(a.accountId(), a));
        case BALANCES -> parser.balances(d.content()).items().forEach(b -> balances.putIfAbsent(b.accountId(), b));
        case TRANSACTIONS -> {
          Page<BankTransaction> page = parser.transactions(d.content());
          page.items().forEach(t -> transactions.putIfAbsent(t.accountId() + "/" + t.transactionId(), t));
        }
        case CUSTOMER -> customer = parser.customer(d.content());
        default -> throw new MalformedDocumentException("unknown CDR document kind " + d.kind());
      }
    }
    return new ProviderData.Bank(List.copyOf(accounts.values()), List.copyOf(balances.values()), List.copyOf(transactions.values()), customer);
  }
}
