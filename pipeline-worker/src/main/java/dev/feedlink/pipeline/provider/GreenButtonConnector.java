package dev.feedlink.pipeline.provider;

import dev.feedlink.pipeline.provider.ProviderHttp.ProviderUnavailableException;
import dev.feedlink.pipeline.provider.domain.DataType;
import dev.feedlink.pipeline.provider.domain.FetchOutcome;
import dev.feedlink.pipeline.provider.domain.FetchWindow;
import dev.feedlink.pipeline.provider.domain.GreenButtonParser;
import dev.feedlink.pipeline.provider.domain.GreenButtonStructure;
import dev.feedlink.pipeline.provider.domain.LinkedAccount;
import dev.feedlink.pipeline.provider.domain.ProviderData;
import dev.feedlink.pipeline.provider.domain.ProviderDescriptor;
import dev.feedlink.pipeline.provider.domain.RawDocument;
import dev.feedlink.pipeline.provider.domain.UtilityAccount;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * A utility serving Green Button (ESPI) subscription feeds: one feed per fetch holds every
 * authorized account's readings and bills published in the window.
 */
public final class GreenButtonConnector extends CredentialLoginConnector {

  public static final String FEED = "greenbutton-feed";

  private final ProviderHttp http;
  private final URI base;
  private final GreenButtonParser parser = new GreenButtonParser();

  public GreenButtonConnector(ProviderDescriptor descriptor, ProviderHttp http, ObjectMapper json, URI base) {
    super(descriptor, http, json, base);
    this.http = http;
    this.base = base;
  }

  @Override
  public Mono<FetchOutcome> fetch(ProviderAccess access, List<LinkedAccount> accounts, Collection<DataType> types, FetchWindow window) {
    UriComponentsBuilder uri = UriComponentsBuilder.fromUri(base)
        .path("/espi/1_1/resource/Batch/Subscription/{id}")
        .queryParam("published-min", iso(window.from()));
    if (window.to() != null) {
      uri.queryParam("published-max", iso(window.to()));
    }
    URI target = uri.buildAndExpand(access.subscriptionId()).encode().toUri();
    return http.send("Green Button feed", target, web -> web.get().uri(target)
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + access.accessToken())
            // JSON too, for the answers that are not a feed (202 pending, errors).
            .header(HttpHeaders.ACCEPT, "application/atom+xml, application/xml;q=0.9, application/json;q=0.5"))
        .<FetchOutcome>map(response -> switch (response.status()) {
          case 200 -> new FetchOutcome.Fetched(List.of(new RawDocument(FEED, null, response.body())));
          case 202 -> new FetchOutcome.Pending("the utility is preparing the data and will call back");
          default -> new FetchOutcome.Refused(response.status(), "Green Button feed answered " + response.status()
              + " " + new String(response.body(), StandardCharsets.UTF_8).strip());
        })
        .onErrorResume(ProviderUnavailableException.class, e -> Mono.just(new FetchOutcome.Unavailable(e.getMessage())));
  }


  @Override
  public ProviderData structure(List<RawDocument> documents) {
    List<UtilityAccount> accounts = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (RawDocument document : documents) {
      for (UtilityAccount account : GreenButtonStructure.accounts(parser.parse(document.content()))) {
        if (seen.add(account.accountNumber())) {
          accounts.add(account);
        }
      }
    }
    return new ProviderData.Utility(accounts);
  }

}
