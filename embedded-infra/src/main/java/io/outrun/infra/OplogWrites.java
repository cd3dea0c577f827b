package io.outrun.infra;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest oplog entry of each namespace appended since the store was opened, so a change stream
 * on a collection nobody wrote to since its last read moves on to the newest entry without reading
 * the entries in between. Those are every other collection's writes: a stream waiting on a quiet
 * collection (the listener's triggers) woke every {@code awaitData} and read half a second of the
 * runner's writes from the file, their pages long out of MVStore's cache.
 *
 * <p>A drop is recorded under its database's {@code $cmd} namespace, as the oplog records it.
 * Entries stored before the store was opened are not known here: a stream that has not read up to
 * them reads them all.
 */
final class OplogWrites {

  private final long opened;
  private final Map<String, Long> newestOf = new ConcurrentHashMap<>();
  private volatile long newest;

  /**
   * @param opened the newest stored entry's timestamp value when the store was opened, or 0
   */
  OplogWrites(long opened) {
    this.opened = opened;
    this.newest = opened;
  }

  /** Called in timestamp order, once each entry is stored. */
  void appended(String namespace, long timestamp) {
    newestOf.put(namespace, timestamp);
    newest = timestamp; // after the namespace's, which a reader of this one then sees
  }

  /**
   * Where a stream that has examined everything up to {@code examined} may go on from without
   * missing an entry of {@code namespace} or of {@code commands} (its database's drops): the newest
   * entry when neither has one after {@code examined}, else {@code examined}.
   */
  long quietUpTo(String namespace, String commands, long examined) {
    long upTo = newest; // read first: every entry up to it has its namespace's newest recorded
    if (examined < opened
        || newestOf.getOrDefault(namespace, 0L) > examined
        || newestOf.getOrDefault(commands, 0L) > examined) {
      return examined;
    }
    return Math.max(examined, upTo);
  }
}
