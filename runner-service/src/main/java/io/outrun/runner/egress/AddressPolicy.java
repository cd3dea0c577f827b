package io.outrun.runner.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses workflow HTTP calls may connect to. Pure: it judges address bytes, never names.
 *
 * <p>Two groups of ranges are refused:
 *
 * <ul>
 *   <li><b>Private</b> ranges: {@code 10/8}, {@code 100.64/10}, {@code 127/8}, {@code 172.16/12},
 *       {@code 192.168/16}, {@code ::1}, {@code fc00::/7}. {@code
 *       outrun.runner.egress.allow-private=true} lifts these, so workflows on a laptop (the local
 *       stack sets it) can call services on that laptop, loopback included.
 *   <li><b>Always refused</b> ranges, even with allow-private: {@code 0/8} and {@code ::} (not a
 *       destination; {@code 0.0.0.0} reaches the local host on Linux), {@code 169.254/16} and
 *       {@code fe80::/10} (link-local: the cloud metadata endpoint {@code 169.254.169.254} lives
 *       there and no laptop service does), {@code 224/4} and {@code ff00::/8} (multicast), {@code
 *       240/4} (reserved, broadcast).
 * </ul>
 *
 * <p>IPv6 forms that embed an IPv4 address are judged by that IPv4 address: IPv4-mapped ({@code
 * ::ffff:a.b.c.d}), IPv4-compatible ({@code ::a.b.c.d}), NAT64 ({@code 64:ff9b::/96}) and 6to4
 * ({@code 2002::/16}).
 */
final class AddressPolicy {

  private record Cidr(byte[] network, int prefix, String label) {

    static Cidr of(String network, int prefix, String label) {
      try {
        return new Cidr(InetAddress.getByName(network).getAddress(), prefix, label);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(network, e);
      }
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (network[full] & mask);
    }
  }

  // Literals only: InetAddress.getByName does not look anything up for them.
  private static final List<Cidr> PRIVATE =
      List.of(
          Cidr.of("10.0.0.0", 8, "private"),
          Cidr.of("100.64.0.0", 10, "carrier-grade NAT"),
          Cidr.of("127.0.0.0", 8, "loopback"),
          Cidr.of("172.16.0.0", 12, "private"),
          Cidr.of("192.168.0.0", 16, "private"),
          Cidr.of("::1", 128, "loopback"),
          Cidr.of("fc00::", 7, "unique local"));

  private static final List<Cidr> ALWAYS =
      List.of(
          Cidr.of("0.0.0.0", 8, "unspecified"),
          Cidr.of("169.254.0.0", 16, "link-local/metadata"),
          Cidr.of("224.0.0.0", 4, "multicast"),
          Cidr.of("240.0.0.0", 4, "reserved"),
          Cidr.of("::", 128, "unspecified"),
          Cidr.of("fe80::", 10, "link-local"),
          Cidr.of("ff00::", 8, "multicast"));

  private final boolean allowPrivate;

  public AddressPolicy(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  public boolean allowPrivate() {
    return allowPrivate;
  }

  /** Why {@code address} is refused, or empty when a call may connect to it. */
  public Optional<String> refusal(InetAddress address) {
    byte[] bytes = embeddedIpv4(address.getAddress());
    for (Cidr cidr : ALWAYS) {
      if (cidr.contains(bytes)) {
        return Optional.of(describe(address, cidr));
      }
    }
    if (!allowPrivate) {
      for (Cidr cidr : PRIVATE) {
        if (cidr.contains(bytes)) {
          return Optional.of(describe(address, cidr));
        }
      }
    }
    return Optional.empty();
  }

  public boolean permits(InetAddress address) {
    return refusal(address).isEmpty();
  }

  private static String describe(InetAddress address, Cidr cidr) {
    return "address " + address.getHostAddress() + " is " + cidr.label() + " and refused";
  }

  /** The IPv4 address an IPv6 address embeds (mapped, compatible, NAT64, 6to4), else the bytes. */
  static byte[] embeddedIpv4(byte[] bytes) {
    if (bytes.length != 16) {
      return bytes;
    }
    boolean firstTenZero = true;
    for (int i = 0; i < 10; i++) {
      firstTenZero &= bytes[i] == 0;
    }
    // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible; :: and ::1 stay IPv6)
    if (firstTenZero && ((bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff))) {
      return last4(bytes, 12);
    }
    if (firstTenZero && bytes[10] == 0 && bytes[11] == 0) {
      boolean upperTwelveZero = bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0;
      if (!upperTwelveZero || (bytes[15] != 0 && bytes[15] != 1)) {
        return last4(bytes, 12);
      }
      return bytes;
    }
    // 64:ff9b::/96 (NAT64 well-known prefix)
    if (bytes[0] == 0 && bytes[1] == 0x64 && bytes[2] == (byte) 0xff && bytes[3] == (byte) 0x9b) {
      boolean middleZero = true;
      for (int i = 4; i < 12; i++) {
        middleZero &= bytes[i] == 0;
      }
      if (middleZero) {
        return last4(bytes, 12);
      }
    }
    // 2002:aabb:ccdd::/48 (6to4)
    if (bytes[0] == 0x20 && bytes[1] == 0x02) {
      return last4(bytes, 2);
    }
    return bytes;
  }

  private static byte[] last4(byte[] bytes, int from) {
    return new byte[] {bytes[from], bytes[from + 1], bytes[from + 2], bytes[from + 3]};
  }
}
