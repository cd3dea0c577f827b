package io.outrun.runner.node;

import reactor.core.publisher.Mono;

/** Executes the nodes of one type; each is a bean, collected by {@link NodeExecutors}. */
public interface NodeExecutor {

  /**
   * The node type this executor handles, as the editor names it ({@code log}, {@code transform}).
   */
  String type();

  Mono<NodeOutcome> execute(NodeCall call);

  /**
   * Whether the node spends AI tokens: the engine then checks the run's token budget ({@code
   * settings.budget.maxTokensPerRun}) before every attempt.
   */
  default boolean consumesAiTokens() {
    return false;
  }
}
