package io.outrun.listener.dependency;

import io.outrun.events.RunCompleted;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggerType;
import io.outrun.listener.history.TriggerEvent;
import io.outrun.listener.history.TriggerEventKind;
import io.outrun.listener.registry.FireableTrigger;
import io.outrun.listener.registry.TriggerRegistry;
import io.outrun.listener.schedule.TickWork;
import io.outrun.service.claimcheck.RunRequestOutcome;
import io.outrun.service.claimcheck.RunRequestPublisher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Delayed dependent runs: stored in {@code pending_starts} (and shown as {@code pending} in the
 * trigger's history), requested by the listener's tick when due, on one replica at a time under the
 * tick's ShedLock lock. A start whose trigger is no longer fireable (disabled, deleted, its
 * workflow paused) when the tick reads it is cancelled instead, and its history entry says so.
 *
 * <p>The tick reads the store when a start this replica stored has come due, and every {@code
 * pending-poll} otherwise (for starts other replicas stored, or stored before a restart, and for
 * cancellations). A start is deleted only after Kafka acknowledged its request; its event id was
 * fixed when it was stored, so a start requested twice is one run.
 */
@Component
public class PendingStarts implements TickWork {

  private static final Logger log = LoggerFactory.getLogger(PendingStarts.class);

  private static final int BATCH = 1000;

  private final PendingStartStore store;
  private final TriggerRegistry registry;
  private final RunRequestPublisher publisher;
  private final DependencyOutcomes outcomes;
  private final DependencyProperties properties;
  private final AtomicReference<Instant> soonest = new AtomicReference<>();
  private volatile Instant lastRead;

  PendingStarts(
      PendingStartStore store,
      TriggerRegistry registry,
      RunRequestPublisher publisher,
      DependencyOutcomes outcomes,
      DependencyProperties properties) {
    this.store = store;
    this.registry = registry;
    this.publisher = publisher;
    this.outcomes = outcomes;
    this.properties = properties;
  }

  /** Stores a delayed start and its {@code pending} history entry. */
  Mono<Void> store(
      FireableTrigger trigger,
      RunRequested request,
      RunCompleted upstream,
      Instant dueAt,
      Instant now) {
    String historyId =
        TriggerEvent.id(trigger.triggerId(), TriggerEventKind.PENDING, upstream.runId());
    String detail =
        "after run %s of workflow %s (%s), due %s"
            .formatted(
                upstream.runId(),
                upstream.workflowId(),
                upstream.status().name().toLowerCase(),
                dueAt);
    TriggerEvent entry =
        new TriggerEvent(
            historyId,
            trigger.workspaceId(),
            trigger.workflowId(),
            trigger.triggerId(),
            TriggerEventKind.PENDING,
            now,
            dueAt,
            dueAt,
            1,
            detail);
    return store
        .store(new PendingStart(request, trigger.triggerId(), dueAt, historyId))
        .then(outcomes.delayed(entry))
        .doOnSuccess(stored -> soonest.accumulateAndGet(dueAt, PendingStarts::earlier));
  }

  @Override
  public boolean hasWork(Instant now) {
    if (!registry.isReady()) {
      return false;
    }
    Instant due = soonest.get();
    Instant read = lastRead;
    return (due != null && !due.isAfter(now))
        || read == null
        || !read.plus(properties.pendingPoll()).isAfter(now);
  }

  /** Requests the starts due by {@code now} and cancels those that can no longer fire. */
  @Override
  public Mono<Integer> tick(Instant now) {
    if (!registry.isReady()) {
      return Mono.just(0);
    }
    lastRead = now;
    return store
        .soonest(BATCH)
        .collectList()
        .flatMap(
            starts -> {
              Instant next = null;
              List<Mono<Integer>> work = new ArrayList<>();
              for (PendingStart start : starts) {
                Optional<FireableTrigger> trigger =
                    registry
                        .find(start.triggerId())
                        .filter(t -> t.type() == TriggerType.DEPENDENCY);
                if (trigger.isEmpty()) {
                  work.add(cancel(start, now).thenReturn(0));
                } else if (!start.dueAt().isAfter(now)) {
                  work.add(
                      fire(start, trigger.get(), now)
                          .thenReturn(1)
                          .onErrorResume(e -> notSent(start, e)));
                } else {
                  next = earlier(next, start.dueAt());
                }
              }
              soonest.set(next);
              return Flux.concat(work).reduce(0, Integer::sum);
            });
  }

  private Mono<Void> fire(PendingStart start, FireableTrigger trigger, Instant now) {
    RunRequested stored = start.request();
    RunRequested request =
        new RunRequested(
            stored.eventId(),
            now,
            stored.workspaceId(),
            stored.workflowId(),
            trigger.deployedVersion(),
            stored.runId(),
            false,
            stored.triggeredBy(),
            stored.chainDepth());
    return publisher
        .publish(request)
        .flatMap(
            outcome ->
                outcome instanceof RunRequestOutcome.PayloadTooLarge tooLarge
                    ? cancel(
                        start,
                        now,
                        "cancelled: its payload would be %d bytes of JSON, over the limit of %d"
                            .formatted(tooLarge.bytes(), tooLarge.limit()))
                    : started(start, trigger, now));
  }

  private Mono<Void> started(PendingStart start, FireableTrigger trigger, Instant now) {
    return store
        .delete(start)
        .then(outcomes.pendingStarted(start.historyId(), trigger.triggerId(), now));
  }

  private Mono<Void> cancel(PendingStart start, Instant now) {
    return cancel(
        start,
        now,
        "cancelled: the trigger was disabled or deleted, or its workflow is not active");
  }

  private Mono<Void> cancel(PendingStart start, Instant now, String detail) {
    log.info(
        "Delayed start {} of trigger {} {}", start.request().eventId(), start.triggerId(), detail);
    return store.delete(start).then(outcomes.pendingCancelled(start.historyId(), now, detail));
  }

  private Mono<Integer> notSent(PendingStart start, Throwable error) {
    log.warn(
        "Delayed start {} not requested, the next tick tries again: {}",
        start.request().eventId(),
        error.toString());
    soonest.accumulateAndGet(start.dueAt(), PendingStarts::earlier);
    return Mono.just(0);
  }

  private static Instant earlier(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }
}
