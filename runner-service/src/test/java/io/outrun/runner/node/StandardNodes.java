package io.outrun.runner.node;

import java.time.Duration;
import java.util.List;

/**
 * The expression node types ({@code log}, {@code transform}, {@code condition}), outside Spring.
 */
public final class StandardNodes {

  private StandardNodes() {}

  public static NodeExecutors executors() {
    Templates templates = new Templates(new Expressions(Duration.ofSeconds(2), 200));
    Expressions expressions = new Expressions(Duration.ofSeconds(2), 200);
    return new NodeExecutors(
        List.of(
            new LogNode(templates),
            new TransformNode(expressions),
            new ConditionNode(expressions)));
  }
}
