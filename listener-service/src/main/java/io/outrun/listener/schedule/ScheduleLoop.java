package io.outrun.listener.schedule;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.outrun.listener.ListenerMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor.TaskResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Runs the listener's tick just after every whole second, on its own thread (ShedLock's MongoDB
 * provider blocks, so it never runs on a Reactor or Netty thread): every {@link TickWork}, such as
 * the schedules ({@link ScheduleTicker}).
 *
 * <p>When no work says it has anything due (asked in memory) the tick ends there, without a lock or
 * a query. Otherwise the due work runs under the ShedLock lock {@value #LOCK}: with several
 * replicas, one of them ticks each second. The lock only saves work; a double tick still starts
 * each run once (see {@link ScheduleTicker}).
 */
@Component
class ScheduleLoop implements SmartLifecycle {

  static final String LOCK = "outrun-schedule-tick";

  private static final Logger log = LoggerFactory.getLogger(ScheduleLoop.class);

  private final List<TickWork> work;
  private final LockingTaskExecutor locks;
  private final ScheduleProperties properties;
  private final Clock clock;
  private final Timer ticked;
  private final Timer locked;
  private final Timer failed;
  private volatile ScheduledExecutorService thread;

  ScheduleLoop(
      List<TickWork> work,
      LockingTaskExecutor locks,
      ScheduleProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.work = List.copyOf(work);
    this.locks = locks;
    this.properties = properties;
    this.clock = clock;
    this.ticked = ticks(meters, ListenerMetrics.OUTCOME_TICKED);
    this.locked = ticks(meters, ListenerMetrics.OUTCOME_LOCKED);
    this.failed = ticks(meters, ListenerMetrics.OUTCOME_FAILED);
  }

  @Override
  public void start() {
    if (!properties.enabled()) {
      log.info("Schedule tick disabled on this replica (outrun.listener.schedule.enabled=false)");
      return;
    }
    thread =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("outrun-schedule-tick").daemon().factory());
    scheduleNext();
  }

  private void scheduleNext() {
    ScheduledExecutorService current = thread;
    if (current == null || current.isShutdown()) {
      return;
    }
    long millis = clock.millis();
    long delay = 1000 - Math.floorMod(millis, 1000) + properties.tickOffset().toMillis();
    current.schedule(this::wake, delay, TimeUnit.MILLISECONDS);
  }

  private void wake() {
    long started = System.nanoTime();
    try {
      Instant now = clock.instant();
      List<TickWork> due = work.stream().filter(w -> w.hasWork(now)).toList();
      if (!due.isEmpty()) {
        TaskResult<List<Object>> result =
            locks.executeWithLock(
                () ->
                    Flux.fromIterable(due)
                        .flatMap(w -> w.tick(now).cast(Object.class))
                        .collectList()
                        .block(properties.lockAtMostFor().dividedBy(2)),
                new LockConfiguration(
                    ClockProvider.now(),
                    LOCK,
                    properties.lockAtMostFor(),
                    properties.lockAtLeastFor()));
        (result.wasExecuted() ? ticked : locked)
            .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        if (result.wasExecuted() && log.isDebugEnabled()) {
          log.debug("Tick at {}: {}", now, result.getResult());
        }
      }
    } catch (Throwable error) {
      failed.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      log.warn("Schedule tick failed; the next tick tries again", error);
    } finally {
      scheduleNext();
    }
  }

  @Override
  public void stop() {
    ScheduledExecutorService current = thread;
    thread = null;
    if (current != null) {
      current.shutdownNow();
      try {
        if (!current.awaitTermination(5, TimeUnit.SECONDS)) {
          log.warn("Schedule tick still running at shutdown");
        }
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return thread != null;
  }

  /** Stops before the trigger counts are flushed (lower phases stop later). */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 2048;
  }

  private static Timer ticks(MeterRegistry meters, String outcome) {
    return Timer.builder(ListenerMetrics.SCHEDULE_TICKS)
        .tag(ListenerMetrics.OUTCOME, outcome)
        .register(meters);
  }
}
