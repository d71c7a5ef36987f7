package dev.feedlink.connection.provider;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The providers a client can connect its users to. */
@RestController
class ProvidersController {

  record ProviderView(
      UUID id,
      String name,
      String kind,
      String country,
      @JsonProperty("data_types") List<String> dataTypes,
      @JsonProperty("login_method") String loginMethod) {}

  record ProviderList(List<ProviderView> providers) {}

  private final Providers providers;

  ProvidersController(Providers providers) {
    this.providers = providers;
  }

  @GetMapping("/providers")
  Mono<ProviderList> list() {
    return providers.all()
        .map(p -> new ProviderView(p.providerId(), p.name(), p.kind(), p.country(), p.dataTypes(), p.loginMethod()))
        .collectList()
        .map(ProviderList::new);
  }
}
