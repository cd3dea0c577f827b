package io.outrun.listener.datachange;

import io.outrun.listener.registry.FireableTrigger;
import reactor.core.Scannable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One trigger's change stream as its watcher holds it: what it watches, and the signals between the
 * watcher and {@link TriggerStreams#follow}, which runs it. {@link #stop} lets the change under way
 * finish (published and its position saved); {@link #cancel} ends it where it is.
 */
final class TriggerStream {

  private final FireableTrigger trigger;
  private final WatchSpec spec;
  private final Sinks.Empty<Void> stop = Sinks.empty();
  private final Sinks.Empty<Void> cancel = Sinks.empty();
  private final Sinks.Empty<Void> finished = Sinks.empty();

  TriggerStream(FireableTrigger trigger, WatchSpec spec) {
    this.trigger = trigger;
    this.spec = spec;
  }

  FireableTrigger trigger() {
    return trigger;
  }

  WatchSpec spec() {
    return spec;
  }

  String triggerId() {
    return trigger.triggerId();
  }

  /** Stops taking changes; the change being handled finishes. */
  void stop() {
    stop.tryEmitEmpty();
  }

  boolean stopped() {
    return Boolean.TRUE.equals(stop.scan(Scannable.Attr.TERMINATED));
  }

  /** Completes once {@link #stop} is called. */
  Mono<Void> stopping() {
    return stop.asMono();
  }

  /** Ends the stream at once, the change under way too. */
  void cancel() {
    cancel.tryEmitEmpty();
  }

  Mono<Void> cancelled() {
    return cancel.asMono();
  }

  /** Completes once the stream has ended, however it ended. */
  Mono<Void> finished() {
    return finished.asMono();
  }

  void markFinished() {
    finished.tryEmitEmpty();
  }
}
