package io.outrun.api.trigger;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.outrun.api.auth.CurrentUser;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * {@code GET .../{triggerId}/history}: a trigger's timeline, newest first. The runs it started
 * ({@code kind: "run"}, by {@code queuedAt}) merged with what it did without starting a run, as the
 * listener records it in {@code trigger_events} ({@code kind: "missed" | "skipped" | "buffered"
 * ...}, by {@code at}).
 */
@Service
class TriggerHistory {

  static final String RUNS = "runs";
  static final String TRIGGER_EVENTS = "trigger_events";

  private final TriggerService triggers;
  private final ReactiveMongoTemplate mongo;

  TriggerHistory(TriggerService triggers, ReactiveMongoTemplate mongo) {
    this.triggers = triggers;
    this.mongo = mongo;
  }

  /** One entry of the timeline: a run, or an event of the listener. */
  sealed interface Entry {
    String kind();

    /** Where the entry sits in the timeline. */
    Instant time();
  }

  /** A run the trigger started ({@code GET /api/runs/{id}} has the rest). */
  record Run(
      String kind,
      String id,
      Integer workflowVersion,
      String status,
      String source,
      Instant queuedAt,
      Instant startedAt,
      Instant finishedAt,
      Long durationMs,
      Object error)
      implements Entry {

    static final String KIND = "run";

    static Run of(Document run) {
      Object by = run.get("triggeredBy");
      return new Run(
          KIND,
          run.getString("_id"),
          run.get("workflowVersion") instanceof Number n ? n.intValue() : null,
          run.getString("status"),
          by instanceof Map<?, ?> map ? (String) map.get("source") : null,
          instant(run.get("queuedAt")),
          instant(run.get("startedAt")),
          instant(run.get("finishedAt")),
          run.get("durationMs") instanceof Number n ? n.longValue() : null,
          run.get("error"));
    }

    @Override
    public Instant time() {
      return queuedAt;
    }
  }

  /**
   * Something the trigger did instead of a run: {@code missed} ({@code from}/{@code to} or {@code
   * scheduledAt}, {@code count}), {@code skipped} ({@code scheduledAt}, {@code detail}), {@code
   * buffered} ({@code scheduledAt}), and kinds added later. Absent fields are left out.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Event(
      String kind,
      String id,
      Instant at,
      Instant scheduledAt,
      Instant from,
      Instant to,
      Long count,
      String detail)
      implements Entry {

    static Event of(Document event) {
      return new Event(
          event.getString("kind"),
          event.get("_id") == null ? null : String.valueOf(event.get("_id")),
          instant(event.get("at")),
          instant(event.get("scheduledAt")),
          instant(event.get("from")),
          instant(event.get("to")),
          event.get("count") instanceof Number n ? n.longValue() : null,
          event.get("detail") instanceof String detail ? detail : null);
    }

    @Override
    public Instant time() {
      return at;
    }
  }

  /** Newest first, at most {@code limit} entries; 404 unless the trigger is the caller's. */
  Mono<List<Entry>> timeline(CurrentUser user, String workflowId, String triggerId, int limit) {
    Mono<List<Run>> runs =
        mongo
            .find(
                newest(user, "triggeredBy.triggerId", triggerId, "queuedAt", limit),
                Document.class,
                RUNS)
            .map(Run::of)
            .collectList();
    Mono<List<Event>> events =
        mongo
            .find(newest(user, "triggerId", triggerId, "at", limit), Document.class, TRIGGER_EVENTS)
            .map(Event::of)
            .collectList();
    return triggers
        .get(user, workflowId, triggerId)
        .then(Mono.zip(runs, events))
        .map(found -> merged(found.getT1(), found.getT2(), limit));
  }

  /** Both lists newest first, merged; entries without a time last. */
  static List<Entry> merged(List<? extends Entry> runs, List<? extends Entry> events, int limit) {
    Comparator<Entry> newestFirst =
        Comparator.comparing(Entry::time, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .reversed();
    return Stream.concat(runs.stream(), events.stream())
        .sorted(newestFirst)
        .limit(limit)
        .map(Entry.class::cast)
        .toList();
  }

  private static Query newest(
      CurrentUser user, String triggerField, String triggerId, String time, int limit) {
    return Query.query(where("workspaceId").is(user.workspaceId()).and(triggerField).is(triggerId))
        .with(Sort.by(Sort.Direction.DESC, time))
        .limit(limit);
  }

  private static Instant instant(Object value) {
    return value instanceof Date date ? date.toInstant() : null;
  }
}
