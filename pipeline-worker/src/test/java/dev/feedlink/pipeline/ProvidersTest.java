package dev.feedlink.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.events.FailureReason;
import dev.feedlink.events.ProviderCatalogued;
import dev.feedlink.pipeline.provider.SandboxProviders;
import dev.feedlink.sandbox.control.domain.Faults;
import dev.feedlink.sandbox.domain.Provider;
import dev.feedlink.schemas.Topics;
import dev.feedlink.testkit.TopicProbe;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The provider catalogue, and the connectors' retries against a provider that fails for a while. */
class ProvidersTest extends PipelineIntegrationTest {

  @AfterEach
  void clearFaults() {
    SANDBOX.faults().inject(Provider.UTILITY, 0, new Faults.Fault(503, Duration.ofSeconds(1)));
  }

  @Test
  void bothSandboxProvidersAreCataloguedWithIdsThatNeverChange() {
    try (TopicProbe catalog = new TopicProbe(Topics.PROVIDER_CATALOG)) {
      ProviderCatalogued energy = catalog.await(ProviderCatalogued.class, e -> e.getName().equals("Sandbox Energy"), WAIT);
      ProviderCatalogued bank = catalog.await(ProviderCatalogued.class, e -> e.getName().equals("Sandbox Bank"), WAIT);

      assertThat(energy.getProviderId()).isEqualTo(UUID.nameUUIDFromBytes("feedlink-provider:sandbox-energy".getBytes()).toString())
          .isEqualTo(SandboxProviders.ENERGY.id().toString());
      assertThat(energy.getKind()).isEqualTo("utility");
      assertThat(energy.getCountry()).isEqualTo("US");
      assertThat(energy.getDataTypes()).containsExactly("interval", "bill");
      assertThat(bank.getKind()).isEqualTo("bank");
      assertThat(bank.getCountry()).isEqualTo("AU");
      assertThat(bank.getDataTypes()).containsExactly("bank_account", "bank_balance", "bank_transaction", "user_info");
      assertThat(catalog.seen().stream().filter(s -> s.event() instanceof ProviderCatalogued))
          .allSatisfy(s -> assertThat(s.key()).isEqualTo(((ProviderCatalogued) s.event()).getProviderId()));
    }
  }

  @Test
  void aSessionForAProviderThePipelineDoesNotServeEndsInAnErrorSayingSo() {
    Link unknown = newLink(new dev.feedlink.pipeline.provider.domain.ProviderDescriptor(
        UUID.randomUUID(), "Nobody", "utility", "US", java.util.List.of()), "user_good");

    UUID session = connect(unknown);

    assertFinalCodes(session).containsExactly(6, 7);
    assertThat(statuses(session).get(1).getFailure().getReason()).isEqualTo(FailureReason.PROVIDER_ERROR);
    assertThat(statuses(session).get(1).getFailure().getMessage()).contains("no connector serves provider");
  }

  @Test
  void serverErrorsAreRetriedWithBackoffAndTheSessionCarriesOn() {
    SANDBOX.faults().inject(Provider.UTILITY, 2, new Faults.Fault(502, Duration.ofMillis(10)));

    UUID session = connect(utility("user_good"));

    assertFinalCodes(session).isEqualTo(SYNCED_AFTER_LOGIN);
    assertThat(SANDBOX.faults().remaining(Provider.UTILITY)).isZero();
  }

  @Test
  void serverErrorsBeyondTheRetriesEndTheLoginRetryable() {
    SANDBOX.faults().inject(Provider.UTILITY, 3, new Faults.Fault(500, Duration.ofMillis(10)));

    UUID session = connect(utility("user_good"));

    assertFinalCodes(session).containsExactly(6, 7);
    assertThat(statuses(session).get(1).getFailure().getReason()).isEqualTo(FailureReason.PROVIDER_UNAVAILABLE);
    assertThat(statuses(session).get(1).getFailure().getMessage()).contains("answered 500 after retries");
  }
}
