package io.outrun.infra;

import java.util.HashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.mvstore.SingleFileStore;
import org.h2.mvstore.WriteBuffer;

/**
 * MVStore's file, with one write buffer that every commit reuses, as large as the largest commit so
 * far.
 *
 * <p>A commit serializes all the pages it changed into one buffer, then writes it to the file. H2's
 * own {@code FileStore} keeps that buffer for the next commit only up to 4 MB, and a new one starts
 * at 1 MB and grows by half its size at a time, each step a new array and a copy. Under a backlog
 * the committer's commits are 3-7 MB ({@code ./outrun bench webhooks}), so nearly every commit made
 * four or five arrays of 1-7 MB. The collector allocates an array that large (half a heap region or
 * more) straight into the old generation, and such allocations started most of the stack's
 * concurrent collection cycles there: a young pause each and a remark pause after.
 *
 * <p>Here a buffer that had to grow is dropped once, and the next one starts a quarter larger than
 * what that commit needed (at most {@link #MAX_KEPT}), so commits stop allocating buffers once they
 * have seen their largest size. The buffer stays allocated while the store is open.
 */
final class ReusedBufferFileStore extends SingleFileStore {

  /** The largest buffer kept between commits; a larger commit grows its own and drops it after. */
  static final int MAX_KEPT = 64 * 1024 * 1024;

  private static final int FIRST_CAPACITY = 1024 * 1024;

  private final AtomicReference<WriteBuffer> kept = new AtomicReference<>();
  private final AtomicInteger capacity = new AtomicInteger(FIRST_CAPACITY);
  private final AtomicInteger buffersMade = new AtomicInteger();

  /** A store with MVStore's default settings for the file (cache size, fill rate, page size). */
  ReusedBufferFileStore() {
    super(new HashMap<>());
  }

  @Override
  public WriteBuffer getWriteBuffer() {
    WriteBuffer buffer = kept.getAndSet(null);
    if (buffer != null) {
      buffer.clear();
      return buffer;
    }
    buffersMade.incrementAndGet();
    return new WriteBuffer(capacity.get());
  }

  /**
   * Keeps {@code buffer} unless it grew during the commit: its {@code clear()} would then go back
   * to the array it started with, so the next commit would grow it again. The next buffer made
   * starts larger instead.
   */
  @Override
  public void releaseWriteBuffer(WriteBuffer buffer) {
    int used = buffer.capacity();
    if (used > capacity.get()) {
      capacity.set((int) Math.min(MAX_KEPT, used + (long) used / 4));
      return;
    }
    kept.set(buffer);
  }

  /** Write buffers made since the store was opened: one per size the commits outgrew. */
  int buffersMade() {
    return buffersMade.get();
  }
}
