package io.outrun.runner.subflow;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.runner.sub-workflows.*}.
 *
 * @param maxChainDepth the deepest chain of runs started by dependency triggers and sub-workflow
 *     nodes together: a child deeper than this is refused (the listener's {@code
 *     outrun.listener.dependency.max-chain-depth} guards dependency starts the same way)
 * @param maxWait the longest wait a node's {@code data.timeoutMs} may ask for
 * @param pollInterval how often a waiting node reads its child's run document, besides reading the
 *     child's {@code run-completed}: it finds a completion this runner did not read (its consumer
 *     positioning or reconnecting)
 * @param tailIdle how long no node waits for a child before the runner stops reading run
 *     completions (its reader pauses, so a completion nobody wants costs no fetch; the next waiting
 *     node resumes it from the topic's end before its child is requested)
 */
@ConfigurationProperties("outrun.runner.sub-workflows")
public record SubWorkflowProperties(
    @DefaultValue("20") int maxChainDepth,
    @DefaultValue("24h") Duration maxWait,
    @DefaultValue("5s") Duration pollInterval,
    @DefaultValue("30s") Duration tailIdle) {

  /**
   * How long a node waits for its child without {@code data.timeoutMs}: the runner's default node
   * timeout, which the engine extends by a grace for a {@code sub_workflow} attempt.
   */
  static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);

  public SubWorkflowProperties {
    if (maxChainDepth < 1) {
      throw new IllegalArgumentException(
          "outrun.runner.sub-workflows.max-chain-depth must be >= 1");
    }
    if (!maxWait.isPositive() || !pollInterval.isPositive() || !tailIdle.isPositive()) {
      throw new IllegalArgumentException(
          "outrun.runner.sub-workflows: max-wait, poll-interval and tail-idle must be positive");
    }
  }

  /** The wait a node asks for ({@code null}: none), within {@link #maxWait}. */
  public Duration waitFor(Duration asked) {
    Duration wait = asked == null ? DEFAULT_WAIT : asked;
    return wait.compareTo(maxWait) > 0 ? maxWait : wait;
  }
}
