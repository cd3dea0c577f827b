package io.outrun.listener;

import io.outrun.service.metrics.MeterDoc;
import java.util.List;

/**
 * Every metric listener-service records, in one place. Tags have few values, never an id (but a
 * bounded {@link #TRIGGER}).
 */
public final class ListenerMetrics {

  /** Webhook requests received, tagged {@link #OUTCOME} and {@link #STATUS}. */
  public static final String WEBHOOK_REQUESTS = "outrun.listener.webhook.requests";

  /**
   * Timer: from a webhook request's arrival to its answer decided (before the body is written),
   * tagged {@link #OUTCOME}; a histogram, for the p99.
   */
  public static final String WEBHOOK_LATENCY = "outrun.listener.webhook.latency";

  /** Tag: the HTTP status a webhook request was answered with. */
  public static final String STATUS = "status";

  /** Tag: what became of a request. */
  public static final String OUTCOME = "outcome";

  public static final String OUTCOME_ACCEPTED = "accepted";

  /** A 202 answered from memory: the delivery id was accepted before; nothing published. */
  public static final String OUTCOME_DUPLICATE = "duplicate";

  public static final String OUTCOME_NOT_FOUND = "not_found";
  public static final String OUTCOME_UNAUTHORIZED = "unauthorized";
  public static final String OUTCOME_METHOD_NOT_ALLOWED = "method_not_allowed";
  public static final String OUTCOME_TOO_LARGE = "too_large";
  public static final String OUTCOME_FORBIDDEN_ORIGIN = "forbidden_origin";
  public static final String OUTCOME_RATE_LIMITED = "rate_limited";
  public static final String OUTCOME_UNAVAILABLE = "unavailable";

  /** A 400: the body says it is JSON, and is, but over a limit or with a value no reader takes. */
  public static final String OUTCOME_INVALID_BODY = "invalid_body";

  /** A waiting webhook answered with its run's result (the status the run set). */
  public static final String OUTCOME_REPLIED = "replied";

  /** A waiting webhook's run did not end within its timeout: 202, as if it had not waited. */
  public static final String OUTCOME_TIMED_OUT = "timed_out";

  /** A waiting webhook's run failed: 502. */
  public static final String OUTCOME_RUN_FAILED = "run_failed";

  /** Gauge: 1 while the trigger registry is loaded and following its change streams, else 0. */
  public static final String REGISTRY_READY = "outrun.listener.registry.ready";

  /** Gauge: how many triggers can fire right now. */
  public static final String REGISTRY_FIREABLE = "outrun.listener.registry.fireable";

  /**
   * Reads of one trigger from MongoDB for an id the registry did not know ({@code TriggerLookup}),
   * tagged {@link #OUTCOME}: {@link #OUTCOME_FOUND}, {@link #OUTCOME_MISSING}, {@link
   * #OUTCOME_CACHED} (a recent read answered, no read made), {@link #OUTCOME_BUSY} (too many reads
   * under way, none made) or {@link #OUTCOME_FAILED}.
   */
  public static final String REGISTRY_LOOKUPS = "outrun.listener.registry.lookups";

  public static final String OUTCOME_FOUND = "found";
  public static final String OUTCOME_MISSING = "missing";
  public static final String OUTCOME_CACHED = "cached";
  public static final String OUTCOME_BUSY = "busy";

  /** Times the registry's change streams failed and were reopened. */
  public static final String REGISTRY_RESTARTS = "outrun.listener.registry.restarts";

  /**
   * Writes of trigger counts ({@code triggerCount}, {@code lastTriggeredAt}), one per flush that
   * had something to write, tagged {@link #OUTCOME}: {@link #OUTCOME_WRITTEN} or {@link
   * #OUTCOME_FAILED}.
   */
  public static final String TRIGGER_ACTIVITY_FLUSHES = "outrun.listener.trigger-activity.flushes";

  public static final String OUTCOME_WRITTEN = "written";
  public static final String OUTCOME_FAILED = "failed";

  /** Gauge: triggers whose fires are counted in memory and not yet written. */
  public static final String TRIGGER_ACTIVITY_PENDING = "outrun.listener.trigger-activity.pending";

  /**
   * Writes of {@code webhook_logs}, one insert per flush that had something to write, tagged {@link
   * #OUTCOME}: {@link #OUTCOME_WRITTEN} or {@link #OUTCOME_FAILED}.
   */
  public static final String WEBHOOK_LOGS_FLUSHES = "outrun.listener.webhook.logs.flushes";

  /**
   * Webhook log entries never written, tagged {@link #REASON}: {@link #REASON_BUFFER_FULL} (the
   * in-memory queue was full) or {@link #REASON_WRITE_FAILED} (their write failed twice).
   */
  public static final String WEBHOOK_LOGS_DROPPED = "outrun.listener.webhook.logs.dropped";

  /** Tag: why a webhook log entry was dropped. */
  public static final String REASON = "reason";

  public static final String REASON_BUFFER_FULL = "buffer_full";
  public static final String REASON_WRITE_FAILED = "write_failed";

  /** Requests to a trigger the listener does not know: not logged, nobody could read them. */
  public static final String WEBHOOK_LOGS_UNKNOWN_TRIGGER =
      "outrun.listener.webhook.logs.unknown-trigger";

  /** Gauge: webhook log entries queued in memory and not yet written. */
  public static final String WEBHOOK_LOGS_PENDING = "outrun.listener.webhook.logs.pending";

  /**
   * Scheduled instants by what became of them, tagged {@link #OUTCOME}: {@link #OUTCOME_FIRED} (on
   * time), {@link #OUTCOME_CAUGHT_UP} (late, within the catch-up window), {@link #OUTCOME_SKIPPED}
   * and {@link #OUTCOME_BUFFERED} (overlap policy), {@link #OUTCOME_MISSED} (older than the
   * catch-up window).
   */
  public static final String SCHEDULE_INSTANTS = "outrun.listener.schedule.instants";

  public static final String OUTCOME_FIRED = "fired";
  public static final String OUTCOME_CAUGHT_UP = "caught_up";
  public static final String OUTCOME_SKIPPED = "skipped";
  public static final String OUTCOME_BUFFERED = "buffered";
  public static final String OUTCOME_MISSED = "missed";

  /**
   * Timer: from a scheduled instant to its run request acknowledged by Kafka (on-time fires); a
   * histogram.
   */
  public static final String SCHEDULE_LATENESS = "outrun.listener.schedule.lateness";

  /**
   * Timer: ticks that had work, tagged {@link #OUTCOME}: {@link #OUTCOME_TICKED}, {@link
   * #OUTCOME_LOCKED} (another replica held the lock) or {@link #OUTCOME_FAILED}.
   */
  public static final String SCHEDULE_TICKS = "outrun.listener.schedule.ticks";

  public static final String OUTCOME_TICKED = "ticked";
  public static final String OUTCOME_LOCKED = "locked";

  /**
   * Changes seen by data-change streams, tagged {@link #OUTCOME}: {@link #OUTCOME_PUBLISHED} (run
   * request acknowledged by Kafka) or {@link #OUTCOME_FAILED} (not acknowledged: the stream reopens
   * from its stored position and the change comes again).
   */
  public static final String DATA_CHANGE_EVENTS = "outrun.listener.data-change.events";

  public static final String OUTCOME_PUBLISHED = "published";

  /**
   * Gaps in a data-change trigger's history, tagged {@link #REASON}: {@code history_lost} (its
   * stored position had fallen off the oplog) or {@code invalidated} (collection dropped or
   * renamed).
   */
  public static final String DATA_CHANGE_GAPS = "outrun.listener.data-change.gaps";

  /**
   * Data-change triggers not watched: Outrun's own collections, system databases, no collection.
   */
  public static final String DATA_CHANGE_REFUSED = "outrun.listener.data-change.refused";

  /** Data-change streams that failed and were reopened from their stored position. */
  public static final String DATA_CHANGE_RESTARTS = "outrun.listener.data-change.restarts";

  /** Gauge: data-change streams this replica runs (triggers whose lease it holds). */
  public static final String DATA_CHANGE_WATCHERS = "outrun.listener.data-change.watchers";

  /**
   * Dependent runs, tagged {@link #OUTCOME}: {@link #OUTCOME_STARTED} (requested, at once or when a
   * delay ended), {@link #OUTCOME_DELAYED} (stored to start later), {@link #OUTCOME_CANCELLED} (a
   * delayed start whose trigger stopped being fireable), {@link #OUTCOME_REFUSED} (over the chain
   * depth limit).
   */
  public static final String DEPENDENCY_STARTS = "outrun.listener.dependency.starts";

  public static final String OUTCOME_STARTED = "started";
  public static final String OUTCOME_DELAYED = "delayed";
  public static final String OUTCOME_CANCELLED = "cancelled";
  public static final String OUTCOME_REFUSED = "refused";

  /**
   * Timer: from a change's time in MongoDB (its cluster time) to its run request acknowledged by
   * Kafka; a histogram.
   */
  public static final String DATA_CHANGE_LAG = "outrun.listener.data-change.lag";

  /**
   * Triggers disabled after {@code autoPauseAfterFailures} consecutive failed runs, tagged {@link
   * #TRIGGER_TYPE}. Counted by the replica whose update disabled the trigger, once per pause.
   */
  public static final String TRIGGERS_AUTO_PAUSED = "outrun.triggers.auto.paused";

  /** kafka_topic records, tagged {@link #TRIGGER}, {@link #OUTCOME} (listener README). */
  public static final String KAFKA_TOPIC_RECORDS = "outrun.listener.kafka-topic.records";

  /** Gauge: kafka_topic triggers this replica consumes for. */
  public static final String KAFKA_TOPIC_CONSUMERS = "outrun.listener.kafka-topic.consumers";

  /** kafka_topic triggers not consumed for (config unreadable, cluster not configured). */
  public static final String KAFKA_TOPIC_REFUSED = "outrun.listener.kafka-topic.refused";

  /** Tag: a kafka_topic trigger's id, bounded (the first N met; later ones share "other"). */
  public static final String TRIGGER = "trigger";

  /** Tag: a trigger's type ({@code webhook}, {@code schedule}, ...). */
  public static final String TRIGGER_TYPE = "trigger_type";

  /** What each meter measures: Prometheus' HELP text and the base unit. */
  public static final List<MeterDoc> DOCS =
      List.of(
          MeterDoc.of(WEBHOOK_REQUESTS, "requests", "Webhook requests, by outcome and status"),
          MeterDoc.of(WEBHOOK_LATENCY, "seconds", "From a webhook request to its answer"),
          MeterDoc.count(REGISTRY_READY, "1 while the trigger registry is loaded and current"),
          MeterDoc.count(REGISTRY_FIREABLE, "Triggers that can fire now"),
          MeterDoc.of(REGISTRY_RESTARTS, "restarts", "Registry change streams reopened"),
          MeterDoc.of(
              REGISTRY_LOOKUPS,
              "lookups",
              "Reads of a trigger the registry did not know, by outcome"),
          MeterDoc.of(TRIGGER_ACTIVITY_FLUSHES, "flushes", "Writes of trigger counts"),
          MeterDoc.count(TRIGGER_ACTIVITY_PENDING, "Triggers with fires not yet written"),
          MeterDoc.of(WEBHOOK_LOGS_FLUSHES, "flushes", "Writes of webhook logs"),
          MeterDoc.count(WEBHOOK_LOGS_DROPPED, "Webhook log entries never written"),
          MeterDoc.count(WEBHOOK_LOGS_UNKNOWN_TRIGGER, "Webhook requests to unknown triggers"),
          MeterDoc.count(WEBHOOK_LOGS_PENDING, "Webhook log entries not yet written"),
          MeterDoc.of(SCHEDULE_INSTANTS, "instants", "Scheduled instants, by outcome"),
          MeterDoc.of(
              SCHEDULE_LATENESS, "seconds", "From a scheduled instant to its request on Kafka"),
          MeterDoc.of(SCHEDULE_TICKS, "seconds", "Schedule ticks that had work, by outcome"),
          MeterDoc.of(DATA_CHANGE_EVENTS, "events", "Changes seen by data-change streams"),
          MeterDoc.of(DATA_CHANGE_GAPS, "gaps", "Gaps in a data-change trigger's history"),
          MeterDoc.count(DATA_CHANGE_REFUSED, "Data-change triggers not watched"),
          MeterDoc.of(DATA_CHANGE_RESTARTS, "restarts", "Data-change streams reopened"),
          MeterDoc.count(DATA_CHANGE_WATCHERS, "Data-change streams this replica runs"),
          MeterDoc.of(
              DATA_CHANGE_LAG, "seconds", "From a change in MongoDB to its request on Kafka"),
          MeterDoc.of(DEPENDENCY_STARTS, "starts", "Dependent runs, by outcome"),
          MeterDoc.of(
              KAFKA_TOPIC_RECORDS, "records", "Records of kafka_topic triggers, by outcome"),
          MeterDoc.count(KAFKA_TOPIC_CONSUMERS, "kafka_topic triggers this replica consumes for"),
          MeterDoc.count(KAFKA_TOPIC_REFUSED, "kafka_topic triggers not consumed for"),
          MeterDoc.count(
              TRIGGERS_AUTO_PAUSED,
              "Triggers disabled after too many consecutive failed runs, by trigger type"));

  private ListenerMetrics() {}
}
