package io.outrun.runner.expression;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * What the calling thread has used so far: memory allocated and CPU time. Both are cheap reads of
 * counters the JVM keeps per thread; where the JVM does not keep one, it reads as 0, so the limit
 * built on it never trips (memory then stays bounded by time and sizes, and no evaluation moves to
 * the long lane).
 */
final class ThreadCosts {

  private static final com.sun.management.ThreadMXBean ALLOCATIONS = allocations();
  private static final ThreadMXBean CPU = cpu();

  private ThreadCosts() {}

  static long allocatedBytes() {
    return ALLOCATIONS == null ? 0 : ALLOCATIONS.getCurrentThreadAllocatedBytes();
  }

  static long cpuNanos() {
    return CPU == null ? 0 : CPU.getCurrentThreadCpuTime();
  }

  private static ThreadMXBean cpu() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    return threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled()
        ? threads
        : null;
  }

  private static com.sun.management.ThreadMXBean allocations() {
    return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
            && threads.isThreadAllocatedMemorySupported()
            && threads.isThreadAllocatedMemoryEnabled()
        ? threads
        : null;
  }
}
