package io.outrun.runner.subflow;

import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Runs another workflow of a step's workspace as a child run: {@link SubWorkflows} in the runner;
 * what a node that starts children (an {@code ai_agent}'s workflow tools) depends on.
 */
@FunctionalInterface
public interface ChildWorkflows {

  /**
   * Starts {@code workflowId} as a child of {@code parent} with {@code input} as its {@code
   * $trigger}; with {@code wait}, waits for its end for at most {@code timeout} (null: the
   * default).
   */
  Mono<ChildOutcome> run(
      Parent parent, String workflowId, Map<String, Object> input, boolean wait, Duration timeout);
}
