package dev.feedlink.pipeline.provider;

import dev.feedlink.pipeline.provider.domain.DataType;
import dev.feedlink.pipeline.provider.domain.FetchOutcome;
import dev.feedlink.pipeline.provider.domain.FetchWindow;
import dev.feedlink.pipeline.provider.domain.LinkedAccount;
import dev.feedlink.pipeline.provider.domain.LoginOutcome;
import dev.feedlink.pipeline.provider.domain.ProviderData;
import dev.feedlink.pipeline.provider.domain.ProviderDescriptor;
import dev.feedlink.pipeline.provider.domain.RawDocument;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * A client of one provider: logs in (answering what it asks), fetches documents, and structures
 * them. Every call is bounded by timeouts; server errors are retried with backoff before an
 * outcome says the provider is unavailable.
 */
public interface Connector {

  ProviderDescriptor descriptor();

  /**
   * @param deviceId identifies this login's device to the provider (the connection id), so a
   *     provider that trusts a device after MFA lets later refreshes through
   * @param callbackUrl where a provider that prepares data asynchronously calls back; may be null
   */
  Mono<LoginOutcome> login(Credentials credentials, String deviceId, URI callbackUrl);

  Mono<LoginOutcome> answer(String challengeId, String answer);

  Mono<LoginOutcome> selectAccounts(String challengeId, List<String> accountNumbers);

  Mono<FetchOutcome> fetch(ProviderAccess access, List<LinkedAccount> accounts, Collection<DataType> types, FetchWindow window);

  /**
   * Reads fetched documents into records.
   *
   * @throws dev.feedlink.pipeline.provider.domain.MalformedDocumentException if one cannot be read
   */
  ProviderData structure(List<RawDocument> documents);
}
