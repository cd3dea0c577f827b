package io.outrun.runner.node;

import io.outrun.runner.usage.NodeUsage;
import java.util.Map;

/**
 * What one tool call gave the model: its value (JSON), whether the tool failed (the model sees the
 * error and may call again), and what the call used.
 */
record ToolResult(Object value, boolean failed, NodeUsage usage) {

  static ToolResult error(String message) {
    return new ToolResult(Map.of("error", message), true, NodeUsage.NONE);
  }
}
