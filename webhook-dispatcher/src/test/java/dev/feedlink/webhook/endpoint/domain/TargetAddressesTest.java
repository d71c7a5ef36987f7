package dev.feedlink.webhook.endpoint.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TargetAddressesTest {

  final TargetAddresses strict = new TargetAddresses(List.of());

  @ParameterizedTest
  @ValueSource(strings = {
    "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
    "169.254.169.254", "169.254.1.1", "100.64.0.1", "100.100.100.200", "0.0.0.0", "224.0.0.1",
    "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd00:ec2::254", "ff02::1",
    "::ffff:127.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1"
  })
  void refusesLoopbackPrivateLinkLocalMetadataAndReservedAddresses(String address) throws Exception {
    assertThat(strict.refusal(InetAddress.getByName(address))).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700::6810:85e5", "::ffff:93.184.216.34"})
  void acceptsPublicAddresses(String address) throws Exception {
    assertThat(strict.refusal(InetAddress.getByName(address))).isEmpty();
  }

  @Test
  void anAllowedNetworkLetsLoopbackThroughAndNothingElse() throws Exception {
    TargetAddresses local = new TargetAddresses(List.of("127.0.0.0/8"));

    assertThat(local.refusal(InetAddress.getByName("127.0.0.1"))).isEmpty();
    assertThat(local.refusal(InetAddress.getByName("169.254.169.254"))).isPresent();
    assertThat(local.refusal(InetAddress.getByName("::1"))).isPresent();
  }

  @Test
  void aHostIsRefusedWhenEveryAddressItResolvesToIs() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    InetAddress publicAddress = InetAddress.getByName("93.184.216.34");

    assertThatThrownBy(() -> strict.permitted("rebind.example", List.of(loopback)))
        .isInstanceOf(TargetRefusedException.class)
        .hasMessageContaining("127.0.0.1");
    assertThat(strict.permitted("mixed.example", List.of(loopback, publicAddress))).containsExactly(publicAddress);
  }

  @Test
  void aMalformedAllowedNetworkIsRefusedAtStartUp() {
    assertThatThrownBy(() -> new TargetAddresses(List.of("localhost/8"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TargetAddresses(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
  }
}
