package io.outrun.events;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What started a run.
 *
 * @param triggerId the trigger document's id, absent for manual runs without a trigger document
 * @param source a short human description (the webhook path, the cron expression, the upstream run)
 * @param payload what the run sees as {@code $trigger}; empty while it is stored aside
 * @param payloadRef where the payload was stored aside because it did not fit on Kafka; absent (and
 *     not written) when the payload travels in the event. Added within {@code run-requested.v1}: a
 *     reader that ignores it sees an empty payload, so runners are upgraded before publishers
 *     (docs/adr/0005-claim-check.md)
 * @param nodeId the trigger node of the canvas that stands for the trigger, absent for a trigger
 *     made through the triggers API (or a run not started by a trigger): the runner then runs only
 *     what that node reaches. Added within {@code run-requested.v1}; a reader that ignores it runs
 *     every branch, as before
 */
public record TriggeredBy(
    TriggerType type,
    String triggerId,
    String source,
    Map<String, Object> payload,
    PayloadRef payloadRef,
    String nodeId) {

  public TriggeredBy {
    requireNonNull(type, "type");
    payload = payload == null ? Map.of() : payload;
  }

  /** What started a run, not through a trigger node. */
  public TriggeredBy(
      TriggerType type,
      String triggerId,
      String source,
      Map<String, Object> payload,
      PayloadRef payloadRef) {
    this(type, triggerId, source, payload, payloadRef, null);
  }

  /** What started a run whose payload travels in the event. */
  public TriggeredBy(
      TriggerType type, String triggerId, String source, Map<String, Object> payload) {
    this(type, triggerId, source, payload, null);
  }

  /** The same trigger, its payload stored aside at {@code ref}. */
  public TriggeredBy withPayloadAside(PayloadRef ref) {
    return new TriggeredBy(type, triggerId, source, Map.of(), requireNonNull(ref, "ref"), nodeId);
  }

  /** The same trigger, carrying {@code storedPayload} again (read back from where it was). */
  public TriggeredBy withPayload(Map<String, Object> storedPayload) {
    return new TriggeredBy(type, triggerId, source, storedPayload, null, nodeId);
  }

  /** The same trigger, started through trigger node {@code triggerNodeId} (null: none). */
  public TriggeredBy fromNode(String triggerNodeId) {
    return new TriggeredBy(type, triggerId, source, payload, payloadRef, triggerNodeId);
  }

  public static TriggeredBy manual(String userId, Map<String, Object> payload) {
    return new TriggeredBy(TriggerType.MANUAL, null, "user:" + userId, payload);
  }
}
