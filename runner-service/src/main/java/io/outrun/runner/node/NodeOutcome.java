package io.outrun.runner.node;

import java.util.Map;

/**
 * How a node's execution ended. Expected failures (a bad expression, a refused request) are values;
 * only broken infrastructure is an error signal.
 *
 * @see NodeExecutors#execute(NodeCall)
 */
public sealed interface NodeOutcome {

  /** The node's {@code data} with templates resolved, recorded as the step's input. */
  Map<String, Object> input();

  record Succeeded(Map<String, Object> input, Object output) implements NodeOutcome {}

  record Failed(Map<String, Object> input, String error) implements NodeOutcome {}
}
