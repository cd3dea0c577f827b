package io.outrun.runner.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressPolicyTest {

  private final AddressPolicy strict = new AddressPolicy(false);
  private final AddressPolicy laptop = new AddressPolicy(true);

  // address, permitted by default, permitted with allow-private
  @ParameterizedTest(name = "{0}: default {1}, allow-private {2}")
  @CsvSource({
    // 0/8 unspecified: always refused
    "0.0.0.0, false, false",
    "0.255.255.255, false, false",
    "1.0.0.0, true, true",
    // 10/8
    "9.255.255.255, true, true",
    "10.0.0.0, false, true",
    "10.255.255.255, false, true",
    "11.0.0.0, true, true",
    // 100.64/10
    "100.63.255.255, true, true",
    "100.64.0.0, false, true",
    "100.127.255.255, false, true",
    "100.128.0.0, true, true",
    // 127/8
    "126.255.255.255, true, true",
    "127.0.0.1, false, true",
    "127.255.255.254, false, true",
    "128.0.0.0, true, true",
    // 169.254/16 link-local and metadata: always refused
    "169.253.255.255, true, true",
    "169.254.0.0, false, false",
    "169.254.169.254, false, false",
    "169.254.255.255, false, false",
    "169.255.0.0, true, true",
    // 172.16/12
    "172.15.255.255, true, true",
    "172.16.0.0, false, true",
    "172.31.255.255, false, true",
    "172.32.0.0, true, true",
    // 192.168/16
    "192.167.255.255, true, true",
    "192.168.0.1, false, true",
    "192.168.255.255, false, true",
    "192.169.0.0, true, true",
    // 224/4 multicast and 240/4 reserved: always refused
    "223.255.255.255, true, true",
    "224.0.0.1, false, false",
    "239.255.255.255, false, false",
    "240.0.0.0, false, false",
    "255.255.255.255, false, false",
    // public
    "8.8.8.8, true, true",
    "93.184.216.34, true, true",
    // IPv6
    "::1, false, true",
    "::, false, false",
    "fc00::1, false, true",
    "fdff:ffff::1, false, true",
    "fbff:ffff::1, true, true",
    "fe80::1, false, false",
    "febf:ffff::1, false, false",
    "fec0::1, true, true",
    "ff02::1, false, false",
    "2606:4700:4700::1111, true, true",
    // IPv4-mapped, IPv4-compatible, NAT64 and 6to4 forms judged by their IPv4 address
    "::ffff:127.0.0.1, false, true",
    "::ffff:169.254.169.254, false, false",
    "::ffff:10.1.2.3, false, true",
    "::ffff:8.8.8.8, true, true",
    "::127.0.0.1, false, true",
    "::169.254.169.254, false, false",
    "::8.8.8.8, true, true",
    "64:ff9b::7f00:1, false, true",
    "64:ff9b::a9fe:a9fe, false, false",
    "64:ff9b::808:808, true, true",
    "2002:7f00:1::, false, true",
    "2002:a9fe:a9fe::1, false, false",
    "2002:808:808::1, true, true",
  })
  void table(String literal, boolean byDefault, boolean withAllowPrivate) throws Exception {
    InetAddress address = InetAddress.getByName(literal);

    assertThat(strict.permits(address)).as("default").isEqualTo(byDefault);
    assertThat(laptop.permits(address)).as("allow-private").isEqualTo(withAllowPrivate);
  }

  @ParameterizedTest
  @CsvSource({"127.0.0.1", "::ffff:127.0.0.1", "169.254.169.254"})
  void refusalNamesTheAddress(String literal) throws Exception {
    assertThat(strict.refusal(InetAddress.getByName(literal)))
        .hasValueSatisfying(reason -> assertThat(reason).contains("refused"));
  }

  @org.junit.jupiter.api.Test
  void mappedFormBuiltFromRawBytesIsJudgedAsIpv4() throws Exception {
    byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
    // an Inet6Address that keeps the mapped form (getByAddress would turn it into IPv4)
    InetAddress address = java.net.Inet6Address.getByAddress(null, mapped, -1);

    assertThat(strict.permits(address)).isFalse();
    assertThat(laptop.permits(address)).isTrue();
  }
}
