package dev.feedlink.webhook.endpoint.domain;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a webhook may be sent to. Clients choose the URL, so without this rule they could
 * make the dispatcher call the cloud metadata service, the database or an admin port inside our
 * network (server-side request forgery). Loopback, private, link-local (which holds the metadata
 * address 169.254.169.254), shared (CGNAT), unique-local, multicast and reserved addresses are
 * refused unless an allowed network contains them. IPv4 addresses embedded in IPv6 ones are judged
 * as IPv4.
 */
public final class TargetAddresses {

  private static final List<Cidr> INTERNAL =
      List.of(
          Cidr.parse("0.0.0.0/8"),
          Cidr.parse("10.0.0.0/8"),
          Cidr.parse("100.64.0.0/10"),
          Cidr.parse("127.0.0.0/8"),
          Cidr.parse("169.254.0.0/16"),
          Cidr.parse("172.16.0.0/12"),
          Cidr.parse("192.0.0.0/24"),
          Cidr.parse("192.168.0.0/16"),
          Cidr.parse("198.18.0.0/15"),
          Cidr.parse("224.0.0.0/4"),
          Cidr.parse("240.0.0.0/4"),
          Cidr.parse("::/128"),
          Cidr.parse("::1/128"),
          Cidr.parse("fc00::/7"),
          Cidr.parse("fe80::/10"),
          Cidr.parse("fec0::/10"),
          Cidr.parse("ff00::/8"));

  private final List<Cidr> allowed;

  public TargetAddresses(List<String> allowedNetworks) {
    this.allowed = allowedNetworks.stream().map(Cidr::parse).toList();
  }

  /** Why the address is refused, or empty when a webhook may go there. */
  public Optional<String> refusal(InetAddress address) {
    InetAddress judged = embeddedIpv4(address).orElse(address);
    if (allowed.stream().anyMatch(c -> c.contains(address) || c.contains(judged))) {
      return Optional.empty();
    }
    if (INTERNAL.stream().anyMatch(c -> c.contains(judged))) {
      return Optional.of(
          address.getHostAddress() + " is a loopback, private, link-local or reserved address");
    }
    return Optional.empty();
  }

  /**
   * The addresses among {@code resolved} a webhook may use; throws naming the first refused one
   * when none is left.
   */
  public List<InetAddress> permitted(String host, List<InetAddress> resolved) {
    List<InetAddress> ok = new ArrayList<>();
    String firstRefusal = null;
    for (InetAddress address : resolved) {
      Optional<String> refusal = refusal(address);
      if (refusal.isEmpty()) {
        ok.add(address);
      } else if (firstRefusal == null) {
        firstRefusal = refusal.get();
      }
    }
    if (ok.isEmpty()) {
      throw new TargetRefusedException(
          host + " is refused: " + (firstRefusal == null ? "it resolves to no address" : firstRefusal));
    }
    return ok;
  }

  /** IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible, NAT64 (64:ff9b::/96) and 6to4 (2002::/16). */
  private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return Optional.empty();
    }
    byte[] b = address.getAddress();
    boolean zeroPrefix = true;
    for (int i = 0; i < 10; i++) {
      zeroPrefix &= b[i] == 0;
    }
    if (zeroPrefix && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
      return Optional.of(v4(b, 12));
    }
    if (b[0] == 0x00 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
      return Optional.of(v4(b, 12));
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return Optional.of(v4(b, 2));
    }
    return Optional.empty();
  }

  private static InetAddress v4(byte[] bytes, int offset) {
    try {
      return InetAddress.getByAddress(new byte[] {bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An address block such as {@code 10.0.0.0/8} or {@code fc00::/7}. */
  public record Cidr(byte[] network, int prefixLength) {

    public static Cidr parse(String text) {
      int slash = text.indexOf('/');
      String host = slash < 0 ? text.strip() : text.substring(0, slash).strip();
      if (!host.matches("[0-9a-fA-F:.]+")) {
        throw new IllegalArgumentException("'" + text + "' is not a CIDR block (e.g. 127.0.0.0/8)");
      }
      byte[] network;
      try {
        network = InetAddress.getByName(host).getAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("'" + text + "' is not a CIDR block (e.g. 127.0.0.0/8)", e);
      }
      int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1).strip());
      if (prefix < 0 || prefix > network.length * 8) {
        throw new IllegalArgumentException("'" + text + "' has an impossible prefix length");
      }
      return new Cidr(network, prefix);
    }

    public boolean contains(InetAddress address) {
      byte[] candidate = address.getAddress();
      if (candidate.length != network.length) {
        return false;
      }
      int full = prefixLength / 8;
      for (int i = 0; i < full; i++) {
        if (candidate[i] != network[i]) {
          return false;
        }
      }
      int rest = prefixLength % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (candidate[full] & mask) == (network[full] & mask);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Cidr c && prefixLength == c.prefixLength && java.util.Arrays.equals(network, c.network);
    }

    @Override
    public int hashCode() {
      return 31 * java.util.Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
      try {
        return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
