package io.outrun.listener.datachange;

/**
 * One item a stream handles, with what the items before it leave to know: whether a change has been
 * handled since the last refresh tick, and the {@code drop} or {@code rename} that an {@code
 * invalidate} follows. Each step is computed from the one before ({@link #next}), so the stream's
 * state travels with its items instead of living in fields.
 *
 * @param quiet no change handled since the last refresh tick (a refresh then probes)
 * @param ending the operation that ended the collection before this item, or null
 */
record StreamStep(Item item, boolean quiet, String ending) {

  /** What a stream handles, one at a time. */
  sealed interface Item permits Change, Refresh, End {}

  record Change(ChangeEvent event) implements Item {}

  /** Time to move a quiet stream's position to the present. */
  record Refresh() implements Item {}

  /** The server ended the stream. */
  record End() implements Item {}

  /** Before a stream's first item. */
  static final StreamStep START = new StreamStep(new End(), true, null);

  /** The step of {@code next}, the item after this one. */
  StreamStep next(Item next) {
    boolean handled =
        switch (item) {
          case Refresh refresh -> false;
          case Change change when change.event().isInvalidate() || !change.event().ends() -> true;
          default -> !quiet;
        };
    String endingAfter =
        switch (item) {
          case Change change when change.event().isInvalidate() -> null;
          case Change change when change.event().ends() -> change.event().operationType();
          default -> ending;
        };
    return new StreamStep(next, !handled, endingAfter);
  }

  /** The stream's last item: after an invalidation MongoDB sends nothing more on it. */
  static boolean endsStream(Item item) {
    return item instanceof End || (item instanceof Change change && change.event().isInvalidate());
  }
}
