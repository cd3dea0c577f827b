package io.outrun.listener.schedule;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * Something a trigger did other than start a run, for its history ({@code trigger_events}): a
 * schedule's missed, skipped or buffered instants. The id is derived from the trigger, the kind and
 * the first instant, so recording the same event twice stores it once.
 */
record TriggerEvent(
    String workspaceId,
    String workflowId,
    String triggerId,
    String kind,
    Instant at,
    Instant from,
    Instant to,
    long count,
    String detail) {

  static final String MISSED = "missed";
  static final String SKIPPED = "skipped";
  static final String BUFFERED = "buffered";

  String id() {
    return triggerId + ":" + kind + ":" + from;
  }

  Document document() {
    Document document =
        new Document("_id", id())
            .append("workspaceId", workspaceId)
            .append("workflowId", workflowId)
            .append("triggerId", triggerId)
            .append("kind", kind)
            .append("at", Date.from(at));
    if (from.equals(to)) {
      document.append("scheduledAt", Date.from(from));
    } else {
      document.append("from", Date.from(from)).append("to", Date.from(to));
    }
    document.append("count", count);
    if (detail != null) {
      document.append("detail", detail);
    }
    return document;
  }
}
