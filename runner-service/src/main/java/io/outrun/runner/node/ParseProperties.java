package io.outrun.runner.node;

import io.outrun.runner.parse.ParseLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code outrun.runner.parse.*}: what a {@code parse} node reads.
 *
 * @param maxInputSize the largest text parsed: a webhook body's limit by default (the listener's
 *     {@code outrun.listener.webhook.max-body-size}), so a body the listener took can be parsed
 * @param maxDepth the deepest nesting of JSON and XML, as for webhook JSON bodies (64: MongoDB
 *     refuses documents nested past 100 levels, and a step output is stored a few levels down)
 */
@ConfigurationProperties("outrun.runner.parse")
public record ParseProperties(
    @DefaultValue("10MB") DataSize maxInputSize, @DefaultValue("64") int maxDepth) {

  public ParseProperties {
    if (maxInputSize == null || maxInputSize.toBytes() < 1) {
      throw new IllegalArgumentException("outrun.runner.parse.max-input-size must be positive");
    }
    if (maxDepth < 1 || maxDepth > 90) {
      throw new IllegalArgumentException("outrun.runner.parse.max-depth must be from 1 to 90");
    }
  }

  public ParseLimits limits() {
    return new ParseLimits(maxInputSize.toBytes(), maxDepth);
  }
}
