package io.outrun.runner.node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The record of an agent's model and tool calls that its step keeps (as {@code calls}), bounded: at
 * most {@value #MAX_CALLS} entries (then only a count, {@code callsOmitted}), each argument and
 * result at most {@value #MAX_VALUE_CHARS} characters of JSON (else that text, cut). Secret values
 * in it are masked when the step is recorded, as in every step's output.
 */
record AgentTrace(List<Map<String, Object>> calls, int omitted) {

  static final AgentTrace EMPTY = new AgentTrace(List.of(), 0);
  static final int MAX_CALLS = 200;
  static final int MAX_VALUE_CHARS = 2_000;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  AgentTrace {
    calls = List.copyOf(calls);
  }

  /** The number the next call gets (1 for the first). */
  int next() {
    return calls.size() + omitted + 1;
  }

  AgentTrace plus(List<Map<String, Object>> entries) {
    List<Map<String, Object>> kept = new ArrayList<>(calls);
    int dropped = omitted;
    for (Map<String, Object> entry : entries) {
      if (kept.size() < MAX_CALLS) {
        kept.add(entry);
      } else {
        dropped++;
      }
    }
    return new AgentTrace(kept, dropped);
  }

  /** Adds {@code calls} (and {@code callsOmitted} when some were left out) to an output. */
  void into(Map<String, Object> output) {
    output.put("calls", calls);
    if (omitted > 0) {
      output.put("callsOmitted", omitted);
    }
  }

  /** {@code value} as it is when its JSON is short, else that JSON cut to the bound. */
  static Object bounded(Object value) {
    String text = json(value);
    return text.length() <= MAX_VALUE_CHARS ? value : text.substring(0, MAX_VALUE_CHARS) + "…";
  }

  static String json(Object value) {
    return value instanceof String text ? text : JSON.writeValueAsString(value);
  }

  /** A tool call's entry. */
  static Map<String, Object> toolCall(int call, String tool, Object arguments, ToolResult result) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("call", call);
    entry.put("kind", "tool");
    entry.put("tool", tool);
    entry.put("arguments", bounded(arguments));
    entry.put("result", bounded(result.value()));
    entry.put("failed", result.failed());
    return entry;
  }
}
