package io.outrun.api.run;

import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * One reading of each watched run, shared by every stream that watches it: the run is read when the
 * shared change stream ({@link RunChangeStore}) names it, on every tick of {@link StreamTicks} (a
 * recheck, which covers a change made while the shared change stream was opening or reconnecting)
 * and at the start, once per run however many streams watch it, and the latest read is replayed to
 * a stream that joins. So a write to a watched run costs one read, not one per stream. A run's
 * reading stops when its last stream leaves.
 */
@Component
class RunWatches {

  private final RunHistory history;
  private final RunChangeStore changes;
  private final StreamTicks ticks;
  private final ConcurrentHashMap<Key, Flux<RunView>> watched = new ConcurrentHashMap<>();

  RunWatches(RunHistory history, RunChangeStore changes, StreamTicks ticks) {
    this.history = history;
    this.changes = changes;
    this.ticks = ticks;
  }

  /**
   * The run as it is now, then each time it is read again (equal reads included), until the
   * subscriber leaves.
   */
  Flux<RunView> views(String workspaceId, String runId) {
    Key key = new Key(workspaceId, runId);
    return Flux.defer(() -> watched.computeIfAbsent(key, this::reading));
  }

  /** Runs read for at least one stream now. */
  int watchedRuns() {
    return watched.size();
  }

  private Flux<RunView> reading(Key key) {
    Flux<Object> reasons =
        Flux.merge(
            // subscribed first, so no change after the first read is missed once the stream is open
            changes
                .changedRunIds()
                .filter(key.runId()::equals)
                .map(Object.class::cast)
                .onBackpressureLatest(),
            ticks.ticks().startWith(-1L).map(Object.class::cast).onBackpressureDrop());
    Flux<RunView>[] self = newHolder();
    self[0] =
        reasons
            .concatMap(reason -> history.find(key.workspaceId(), key.runId()), 1)
            .map(RunView::of)
            .doFinally(signal -> watched.remove(key, self[0]))
            .replay(1)
            .refCount(1);
    return self[0];
  }

  @SuppressWarnings("unchecked")
  private static Flux<RunView>[] newHolder() {
    return (Flux<RunView>[]) new Flux<?>[1];
  }

  private record Key(String workspaceId, String runId) {}
}
