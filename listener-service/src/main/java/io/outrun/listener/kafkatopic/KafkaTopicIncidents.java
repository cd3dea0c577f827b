package io.outrun.listener.kafkatopic;

import io.outrun.bus.RecordDelivery;
import io.outrun.listener.history.TriggerEvent;
import io.outrun.listener.history.TriggerEventKind;
import io.outrun.listener.history.TriggerEventStore;
import io.outrun.listener.registry.FireableTrigger;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What goes wrong for a kafka_topic trigger, logged, counted and recorded in its history: a trigger
 * that is not consumed for ({@code refused}, once per config), a record that starts no run ({@code
 * unreadable}, once per record: the entry's id names topic, partition and offset). The record's
 * content is never logged or recorded, only why it was not run.
 */
@Component
class KafkaTopicIncidents {

  private static final Logger log = LoggerFactory.getLogger(KafkaTopicIncidents.class);

  private final TriggerEventStore history;
  private final KafkaTopicMetrics metrics;
  private final Clock clock;
  private final Map<String, Object> refused = new ConcurrentHashMap<>();

  KafkaTopicIncidents(TriggerEventStore history, KafkaTopicMetrics metrics, Clock clock) {
    this.history = history;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** A trigger that cannot be consumed for: said and recorded once for each config it has. */
  Mono<Void> refused(FireableTrigger trigger, String reason) {
    if (Objects.equals(trigger.config(), refused.put(trigger.triggerId(), trigger.config()))) {
      return Mono.empty();
    }
    log.warn("Kafka topic trigger {} is not consumed for: {}", trigger.triggerId(), reason);
    metrics.refused();
    return record(
        event(
            trigger,
            TriggerEventKind.REFUSED,
            "config-" + Integer.toHexString(trigger.config().hashCode()),
            "Not consumed for: " + reason + "."));
  }

  /** The trigger is consumed for: a later refusal is news again. */
  void consumable(String triggerId) {
    refused.remove(triggerId);
  }

  /** A record that starts no run, recorded once (a redelivery finds its entry stored). */
  Mono<Void> unreadable(FireableTrigger trigger, RecordDelivery record, String reason) {
    String at = record.topic() + "-" + record.partition() + "@" + record.offset();
    log.warn("Kafka topic trigger {}: record {} not run: {}", trigger.triggerId(), at, reason);
    metrics.record(trigger.triggerId(), KafkaTopicMetrics.UNREADABLE);
    return record(
        event(trigger, TriggerEventKind.UNREADABLE, at, "Record " + at + " not run: " + reason));
  }

  private TriggerEvent event(
      FireableTrigger trigger, TriggerEventKind kind, String about, String detail) {
    return new TriggerEvent(
        TriggerEvent.id(trigger.triggerId(), kind, about),
        trigger.workspaceId(),
        trigger.workflowId(),
        trigger.triggerId(),
        kind,
        clock.instant(),
        null,
        null,
        1,
        detail);
  }

  /** A history write that fails is logged: the record is not held up for it. */
  private Mono<Void> record(TriggerEvent event) {
    return history
        .record(List.of(event))
        .onErrorResume(
            error -> {
              log.warn("Kafka topic trigger event not recorded: {}", error.toString());
              return Mono.empty();
            });
  }
}
