package io.outrun.bench;

import java.util.function.LongSupplier;

/**
 * CPU over a measured window of {@link WebhookLoad}, read on the benchmark's main thread right at
 * its edges; with a counter (the runner's backlog, or the run requests it committed), also how much
 * that counter moved between them (read after the CPU, so as not to delay it).
 */
final class CpuWindow implements WebhookLoad.Window {
  private final CpuShares cpu;
  private final LongSupplier counter;
  private CpuShares.Snapshot start;
  private CpuShares.Usage usage = new CpuShares.Usage("CPU: not measured", Double.NaN);
  private double stackMs = Double.NaN;
  private long counterAtStart = -1;
  private long counterAtEnd = -1;

  /** {@code counter}: null for none; a negative reading means it could not be read. */
  CpuWindow(CpuShares cpu, LongSupplier counter) {
    this.cpu = cpu;
    this.counter = counter;
  }

  @Override
  public void started() {
    start = cpu.snapshot();
    counterAtStart = counter == null ? -1 : counter.getAsLong();
  }

  @Override
  public void ended() {
    CpuShares.Snapshot end = cpu.snapshot();
    counterAtEnd = counter == null ? -1 : counter.getAsLong();
    usage = cpu.between(start, end);
    stackMs = cpu.stackCpuMillis(start, end);
  }

  /** Where CPU went over the window. */
  CpuShares.Usage usage() {
    return usage;
  }

  /** The stack's CPU milliseconds over the window (NaN: not measured). */
  double stackMs() {
    return stackMs;
  }

  /** Whether the counter was read at both edges. */
  boolean counted() {
    return counterAtStart >= 0 && counterAtEnd >= 0;
  }

  /** How much the counter moved over the window (negative: it fell); meaningful when counted. */
  long counterChange() {
    return counterAtEnd - counterAtStart;
  }

  /**
   * With the runner's backlog as the counter: whether the window's CPU holds the accepted runs'.
   */
  String backlogNote() {
    if (!counted()) {
      return "";
    }
    long grew = counterChange();
    return grew <= 0
        ? " (the runner kept up: every accepted run's CPU is in it)"
        : " (the runner fell %d run requests behind: their runs' CPU is not in it)".formatted(grew);
  }
}
