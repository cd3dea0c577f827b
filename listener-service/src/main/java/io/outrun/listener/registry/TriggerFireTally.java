package io.outrun.listener.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fires counted in memory per trigger until they are written. Any thread may record, and nothing
 * blocks: a record is one atomic {@code merge} on its trigger's entry, and taking an entry is one
 * atomic {@code remove}, so a fire recorded while the tally is drained lands either in what was
 * taken or in a fresh entry for the next drain, never in between.
 */
final class TriggerFireTally {

  private final ConcurrentHashMap<String, TriggerFires> pending = new ConcurrentHashMap<>();

  void record(String triggerId, Instant at) {
    pending.merge(triggerId, TriggerFires.once(triggerId, at), TriggerFires::plus);
  }

  /** Takes everything counted so far. */
  List<TriggerFires> drain() {
    List<TriggerFires> taken = new ArrayList<>();
    for (String triggerId : pending.keySet()) {
      TriggerFires fires = pending.remove(triggerId);
      if (fires != null) {
        taken.add(fires);
      }
    }
    return taken;
  }

  /** Puts back what could not be written, added to whatever was recorded since. */
  void restore(List<TriggerFires> fires) {
    fires.forEach(f -> pending.merge(f.triggerId(), f, TriggerFires::plus));
  }

  /** How many triggers have fires not yet written. */
  int pendingTriggers() {
    return pending.size();
  }
}
