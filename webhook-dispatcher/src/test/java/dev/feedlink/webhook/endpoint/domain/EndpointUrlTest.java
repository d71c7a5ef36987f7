package dev.feedlink.webhook.endpoint.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointUrlTest {

  @Test
  void productionAcceptsOnlyHttps() {
    assertThat(EndpointUrl.parse("https://hooks.example.com/feedlink", false).host()).isEqualTo("hooks.example.com");
    assertThatThrownBy(() -> EndpointUrl.parse("http://hooks.example.com/feedlink", false))
        .isInstanceOf(InvalidEndpointUrl.class)
        .hasMessageContaining("https");
  }

  @Test
  void developmentModeAlsoAcceptsPlainHttp() {
    assertThat(EndpointUrl.parse("http://127.0.0.1:8099/", true).host()).isEqualTo("127.0.0.1");
    assertThat(EndpointUrl.parse("http://[::1]:8099/", true).host()).isEqualTo("::1");
  }

  @Test
  void refusesUrlsThatAreNotAbsoluteHttpTargets() {
    for (String bad : new String[] {"", "hooks.example.com", "ftp://example.com/", "https:///path",
        "https://user:pw@example.com/", "https://example.com/#frag", "https://exa mple.com/"}) {
      assertThatThrownBy(() -> EndpointUrl.parse(bad, true)).as(bad).isInstanceOf(InvalidEndpointUrl.class);
    }
    assertThatThrownBy(() -> EndpointUrl.parse("https://example.com/" + "a".repeat(2100), true))
        .isInstanceOf(InvalidEndpointUrl.class);
  }
}
