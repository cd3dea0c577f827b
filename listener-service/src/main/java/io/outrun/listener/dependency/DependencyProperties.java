package io.outrun.listener.dependency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.listener.dependency.*}.
 *
 * @param enabled whether this replica consumes run completions to start dependent runs
 * @param maxChainDepth the deepest chain of dependency runs started: a run whose upstream is this
 *     deep already is refused (and the refusal recorded), even if a cycle slipped past validation
 * @param pendingPoll how often the tick reads the stored delayed starts, to learn of those another
 *     replica stored and of triggers disabled meanwhile
 * @param minBackoff first wait before handling a completion again after a failure (MongoDB or Kafka
 *     unreachable, registry not loaded yet)
 * @param maxBackoff longest wait between such attempts; a completion is never dropped
 */
@ConfigurationProperties("outrun.listener.dependency")
public record DependencyProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("20") int maxChainDepth,
    @DefaultValue("10s") Duration pendingPoll,
    @DefaultValue("200ms") Duration minBackoff,
    @DefaultValue("10s") Duration maxBackoff) {

  public DependencyProperties {
    if (maxChainDepth < 1) {
      throw new IllegalArgumentException("max-chain-depth must be at least 1");
    }
    if (!pendingPoll.isPositive()) {
      throw new IllegalArgumentException("pending-poll must be positive");
    }
  }
}
