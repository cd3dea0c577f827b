package io.outrun.listener.history;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * Something a trigger did other than start a run, for its history ({@code trigger_events}): a
 * schedule's missed, skipped or held instants, a change stream's gap, a dependency start refused or
 * delayed. trigger-api merges these with the trigger's runs in {@code GET .../history}.
 *
 * @param id derived from what the event is about (see {@link #of}), so recording it twice stores it
 *     once
 * @param from the instant the event is about, or the first of a range
 * @param to the last instant of a range; equal to {@code from} for one instant
 * @param detail a sentence for people, or null
 */
public record TriggerEvent(
    String id,
    String workspaceId,
    String workflowId,
    String triggerId,
    TriggerEventKind kind,
    Instant at,
    Instant from,
    Instant to,
    long count,
    String detail) {

  /** An event whose id is derived from the trigger, the kind and the first instant. */
  public static TriggerEvent of(
      String workspaceId,
      String workflowId,
      String triggerId,
      TriggerEventKind kind,
      Instant at,
      Instant from,
      Instant to,
      long count,
      String detail) {
    return new TriggerEvent(
        id(triggerId, kind, String.valueOf(from)),
        workspaceId,
        workflowId,
        triggerId,
        kind,
        at,
        from,
        to,
        count,
        detail);
  }

  /** An id derived from the trigger, the kind and what the event is about. */
  public static String id(String triggerId, TriggerEventKind kind, String about) {
    return triggerId + ":" + kind.storedName() + ":" + about;
  }

  /** The stored form: {@code scheduledAt} for one instant, {@code from} and {@code to} for more. */
  public Document document() {
    Document document =
        new Document("_id", id)
            .append("workspaceId", workspaceId)
            .append("workflowId", workflowId)
            .append("triggerId", triggerId)
            .append("kind", kind.storedName())
            .append("at", Date.from(at));
    if (from != null && from.equals(to)) {
      document.append("scheduledAt", Date.from(from));
    } else {
      if (from != null) {
        document.append("from", Date.from(from));
      }
      if (to != null) {
        document.append("to", Date.from(to));
      }
    }
    document.append("count", count);
    if (detail != null) {
      document.append("detail", detail);
    }
    return document;
  }
}
