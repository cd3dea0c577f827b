package io.outrun.listener.reply;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.events.RunCompleted;
import io.outrun.events.RunOutcome;
import io.outrun.events.RunResponse;
import io.outrun.events.TriggerType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunRepliesTest {

  private static final Instant T0 = Instant.parse("2026-03-08T07:00:00Z");

  @Test
  void oneFinalStepAnswersItsOutputAsJson() {
    RunReply reply =
        RunReplies.of(completed(RunOutcome.COMPLETED, Map.of("shout", "HI"), null), false);

    assertThat(reply).isInstanceOf(RunReply.Answer.class);
    RunReply.Answer answer = (RunReply.Answer) reply;
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.headers()).containsEntry("Content-Type", "application/json");
    assertThat(text(answer)).isEqualTo("\"HI\"");
  }

  @Test
  void severalFinalStepsAnswerAnObjectKeyedByNodeId() {
    Map<String, Object> outputs = new LinkedHashMap<>();
    outputs.put("a", 1);
    outputs.put("b", Map.of("x", true));

    RunReply.Answer answer =
        (RunReply.Answer) RunReplies.of(completed(RunOutcome.COMPLETED, outputs, null), false);

    assertThat(text(answer)).isEqualTo("{\"a\":1,\"b\":{\"x\":true}}");
  }

  @Test
  void respondStepAnswersWithItsStatusSafeHeadersAndBodyEvenIfTheRunFailedLater() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Location", "/leads/7");
    headers.put("Transfer-Encoding", "chunked");
    headers.put("Set-Cookie", "session=1");
    headers.put("X-Bad", "a\r\nInjected: yes");
    RunResponse response = new RunResponse("reply", 201, headers, Map.of("id", 7));

    RunReply.Answer answer =
        (RunReply.Answer) RunReplies.of(completed(RunOutcome.FAILED, Map.of(), response), false);

    assertThat(answer.status()).isEqualTo(201);
    assertThat(answer.headers())
        .containsOnlyKeys("Location", "Content-Type")
        .containsEntry("Content-Type", "application/json");
    assertThat(text(answer)).isEqualTo("{\"id\":7}");
  }

  @Test
  void setCookieOnlyWhenConfiguredAndTextBodyAsPlainText() {
    RunResponse response = new RunResponse("reply", 200, Map.of("Set-Cookie", "s=1"), "done");

    RunReply.Answer answer =
        (RunReply.Answer) RunReplies.of(completed(RunOutcome.COMPLETED, Map.of(), response), true);

    assertThat(answer.headers())
        .containsEntry("Set-Cookie", "s=1")
        .containsEntry("Content-Type", "text/plain;charset=UTF-8");
    assertThat(text(answer)).isEqualTo("done");
  }

  @Test
  void failedRunNamesItsNodeAndError() {
    RunCompleted failed = completed(RunOutcome.FAILED, Map.of(), null);

    assertThat(RunReplies.of(failed, false))
        .isEqualTo(new RunReply.Failed("run-1", "failed", "stop", "no lead"));
  }

  private static String text(RunReply.Answer answer) {
    return new String(answer.body(), StandardCharsets.UTF_8);
  }

  private static RunCompleted completed(
      RunOutcome status, Map<String, Object> outputs, RunResponse response) {
    boolean failed = status == RunOutcome.FAILED;
    return RunCompleted.builder()
        .eventId("ev-1")
        .occurredAt(T0)
        .workflow("ws-1", "wf-1", 1)
        .runId("run-1")
        .status(status)
        .triggerType(TriggerType.WEBHOOK)
        .startedAt(T0)
        .finishedAt(T0)
        .error(failed ? "no lead" : null)
        .outputs(outputs)
        .response(response)
        .failedNodeId(failed ? "stop" : null)
        .build();
  }
}
