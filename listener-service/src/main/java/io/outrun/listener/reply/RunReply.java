package io.outrun.listener.reply;

import java.util.Map;

/** What a waiting webhook answers once its run has ended. */
public sealed interface RunReply {

  String runId();

  /**
   * The run's answer: a {@code respond} step's, or its final outputs as JSON with 200.
   *
   * @param headers safe headers only ({@link ReplyHeaders}); the content type among them
   */
  record Answer(String runId, int status, Map<String, String> headers, byte[] body)
      implements RunReply {}

  /**
   * The run failed or was cancelled without a {@code respond} step answering.
   *
   * @param nodeId the node whose step failed, or null
   */
  record Failed(String runId, String status, String nodeId, String error) implements RunReply {}

  /**
   * The run's result was too large to travel on Kafka ({@code outputsOmitted}): not answered
   * synchronously; the sender gets the run id (202) and reads the run.
   */
  record Omitted(String runId) implements RunReply {}
}
