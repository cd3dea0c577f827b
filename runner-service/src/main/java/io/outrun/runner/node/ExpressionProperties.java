package io.outrun.runner.node;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.runner.expressions.*}: bounds of one JSONata evaluation.
 *
 * @param timeout how long one expression may run before its step fails
 * @param maxDepth how deeply an expression may nest or recurse before its step fails
 */
@ConfigurationProperties("outrun.runner.expressions")
record ExpressionProperties(
    @DefaultValue("2s") Duration timeout, @DefaultValue("200") int maxDepth) {

  ExpressionProperties {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("outrun.runner.expressions.timeout must be positive");
    }
    if (maxDepth < 1) {
      throw new IllegalArgumentException("outrun.runner.expressions.max-depth must be positive");
    }
  }
}
