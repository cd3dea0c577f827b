package io.outrun.runner.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a host made only of numbers as an IPv4 address the way {@code inet_aton}, curl and browsers
 * do: one to four dot-separated parts, each decimal, hexadecimal ({@code 0x7f}) or octal ({@code
 * 0177}), the last one filling the bytes left ({@code 127.1}, {@code 0x7f000001}, {@code
 * 2130706433} are all 127.0.0.1). Java's own lookup reads no hexadecimal and no octal, and would
 * send such a host to DNS, where it fails as "cannot resolve" (retried) instead of being judged for
 * what every other client takes it to be. Pure.
 */
final class Ipv4Spelling {

  private static final Pattern NUMERIC_PART = Pattern.compile("0[xX][0-9a-fA-F]*|[0-9]+");

  private Ipv4Spelling() {}

  /** What the spelling means. */
  sealed interface Reading {
    /** The host is not made only of numbers: a name for DNS (or an IPv6 literal). */
    record Name() implements Reading {}

    /** The host is made only of numbers and means this address. */
    record Address(InetAddress address) implements Reading {}

    /** The host is made only of numbers but is no address (a part too large, too many parts). */
    record Invalid(String reason) implements Reading {}
  }

  static Reading read(String host) {
    String[] parts = host.split("\\.", -1);
    for (String part : parts) {
      if (!NUMERIC_PART.matcher(part).matches()) {
        return new Reading.Name();
      }
    }
    if (parts.length > 4) {
      return invalid(host, "more than four parts");
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      Optional<Long> value = value(parts[i]);
      if (value.isEmpty()) {
        return invalid(host, "'" + parts[i] + "' is not a number");
      }
      values[i] = value.get();
    }
    return assemble(host, values);
  }

  private static Reading assemble(String host, long[] values) {
    int last = values.length - 1;
    long address = 0;
    for (int i = 0; i < last; i++) {
      if (values[i] > 255) {
        return invalid(host, "a part is over 255");
      }
      address |= values[i] << (8 * (3 - i));
    }
    long room = 1L << (8 * (4 - last));
    if (values[last] >= room) {
      return invalid(host, "the last part is over " + (room - 1));
    }
    address |= values[last];
    byte[] bytes = {
      (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address
    };
    try {
      return new Reading.Address(InetAddress.getByAddress(host, bytes));
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** A part's value, if it fits in 32 bits; empty for an octal part with an 8 or a 9. */
  private static Optional<Long> value(String part) {
    try {
      long value;
      if (part.startsWith("0x") || part.startsWith("0X")) {
        value = part.length() == 2 ? 0 : parse(part.substring(2), 16);
      } else if (part.length() > 1 && part.startsWith("0")) {
        value = parse(part.substring(1), 8);
      } else {
        value = parse(part, 10);
      }
      return Optional.of(value);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static long parse(String digits, int radix) {
    if (digits.length() > 12) {
      return Long.MAX_VALUE; // over 32 bits whatever the radix: refused as too large
    }
    return Long.parseLong(digits, radix);
  }

  private static Reading invalid(String host, String why) {
    return new Reading.Invalid("host " + host + " is no IPv4 address: " + why);
  }
}
