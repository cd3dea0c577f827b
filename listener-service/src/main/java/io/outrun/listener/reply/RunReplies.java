package io.outrun.listener.reply;

import io.outrun.events.RunCompleted;
import io.outrun.events.RunOutcome;
import io.outrun.events.RunResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run's completion as a webhook's answer. In order: a {@code respond} step's answer (its status,
 * its safe headers, its body: text as {@code text/plain}, any other JSON value as JSON, unless it
 * set a {@code Content-Type}), even when a later step failed; else a failed or cancelled run is
 * {@link RunReply.Failed}; else 200 with the run's output as JSON: the output of its one final step
 * that completed (a node no edge leaves from), or, with several, an object keyed by node id. Pure.
 */
final class RunReplies {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String CONTENT_TYPE = "Content-Type";

  private RunReplies() {}

  static RunReply of(RunCompleted completed, boolean allowSetCookie) {
    if (completed.omitsOutputs()) {
      return new RunReply.Omitted(completed.runId());
    }
    if (completed.response() != null) {
      return answer(completed.runId(), completed.response(), allowSetCookie);
    }
    if (completed.status() != RunOutcome.COMPLETED) {
      return new RunReply.Failed(
          completed.runId(),
          completed.status().name().toLowerCase(Locale.ROOT),
          completed.failedNodeId(),
          completed.error());
    }
    Map<String, Object> outputs = completed.outputs();
    Object output = outputs.size() == 1 ? outputs.values().iterator().next() : outputs;
    return new RunReply.Answer(
        completed.runId(), 200, Map.of(CONTENT_TYPE, "application/json"), json(output));
  }

  private static RunReply answer(String runId, RunResponse response, boolean allowSetCookie) {
    Map<String, String> headers =
        new LinkedHashMap<>(ReplyHeaders.safe(response.headers(), allowSetCookie));
    Object body = response.body();
    boolean typed = headers.keySet().stream().anyMatch(CONTENT_TYPE::equalsIgnoreCase);
    if (body == null) {
      return new RunReply.Answer(runId, response.status(), headers, new byte[0]);
    }
    if (body instanceof String text) {
      if (!typed) {
        headers.put(CONTENT_TYPE, "text/plain;charset=UTF-8");
      }
      return new RunReply.Answer(
          runId, response.status(), headers, text.getBytes(StandardCharsets.UTF_8));
    }
    if (!typed) {
      headers.put(CONTENT_TYPE, "application/json");
    }
    return new RunReply.Answer(runId, response.status(), headers, json(body));
  }

  private static byte[] json(Object value) {
    return JSON.writeValueAsBytes(value);
  }
}
