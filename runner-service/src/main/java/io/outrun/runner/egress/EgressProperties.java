package io.outrun.runner.egress;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code outrun.runner.egress.*}: limits of workflow HTTP calls ({@code http_request}, {@code
 * webhook}).
 *
 * @param allowPrivate lift the private ranges of {@link AddressPolicy} (loopback, 10/8, ...); the
 *     local stack sets it; link-local/metadata, unspecified, multicast and reserved stay refused
 * @param maxResponseBytes a larger response body fails the step (not retried)
 * @param maxRedirects hops followed when a node sets {@code followRedirects}
 * @param defaultTimeout connect + response timeout when a node sets no {@code timeoutMs}
 */
@ConfigurationProperties("outrun.runner.egress")
public record EgressProperties(
    @DefaultValue("false") boolean allowPrivate,
    @DefaultValue("10MB") DataSize maxResponseBytes,
    @DefaultValue("5") int maxRedirects,
    @DefaultValue("30s") Duration defaultTimeout) {

  public EgressProperties {
    if (maxResponseBytes == null || maxResponseBytes.toBytes() < 1) {
      throw new IllegalArgumentException(
          "outrun.runner.egress.max-response-bytes must be positive");
    }
    if (maxRedirects < 0) {
      throw new IllegalArgumentException("outrun.runner.egress.max-redirects must not be negative");
    }
    if (defaultTimeout == null || defaultTimeout.isNegative() || defaultTimeout.isZero()) {
      throw new IllegalArgumentException("outrun.runner.egress.default-timeout must be positive");
    }
  }

  /** The defaults, with {@code allowPrivate} as given. */
  public static EgressProperties defaults(boolean allowPrivate) {
    return new EgressProperties(allowPrivate, DataSize.ofMegabytes(10), 5, Duration.ofSeconds(30));
  }
}
