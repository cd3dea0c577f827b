package io.outrun.service.claimcheck;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code outrun.claim-check.*}: run request payloads too large for a Kafka record, stored in
 * MongoDB's {@code run_payloads} instead (docs/adr/0005-claim-check.md).
 *
 * @param retention how long a stored payload is kept if no runner takes it (its request's publish
 *     failed after the payload was written, or the request waited in Kafka this long); a runner
 *     deletes it as soon as the run holds it. A request whose payload expired fails its run.
 * @param maxPayloadSize the largest payload JSON stored; a larger one is refused (413 to a webhook
 *     sender). Below MongoDB's 16 MB document limit, with room for the run document around it.
 */
@ConfigurationProperties("outrun.claim-check")
public record ClaimCheckProperties(
    @DefaultValue("7d") Duration retention, @DefaultValue("15MB") DataSize maxPayloadSize) {

  public ClaimCheckProperties {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("outrun.claim-check.retention must be positive");
    }
    if (maxPayloadSize.toBytes() < 1 || maxPayloadSize.toMegabytes() > 15) {
      throw new IllegalArgumentException(
          "outrun.claim-check.max-payload-size must be between 1 byte and 15 MB");
    }
  }
}
