package io.outrun.bench;

/**
 * CPU over a measured window of {@link WebhookLoad}, read on the benchmark's main thread; with a
 * backlog, also how many more run requests the runner had yet to consume at its end than at its
 * start (their runs' CPU is not in the window).
 */
final class CpuWindow implements WebhookLoad.Window {
  private final CpuShares cpu;
  private final RunnerBacklog backlog;
  private CpuShares.Snapshot start;
  private CpuShares.Usage usage = new CpuShares.Usage("CPU: not measured", Double.NaN);
  private double stackMs = Double.NaN;
  private long backlogAtStart = -1;
  private long backlogAtEnd = -1;

  CpuWindow(CpuShares cpu, RunnerBacklog backlog) {
    this.cpu = cpu;
    this.backlog = backlog;
  }

  @Override
  public void started() {
    backlogAtStart = backlog == null ? -1 : backlog.runRequests();
    start = cpu.snapshot();
  }

  @Override
  public void ended() {
    CpuShares.Snapshot end = cpu.snapshot();
    backlogAtEnd = backlog == null ? -1 : backlog.runRequests();
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

  /** How much the runner's backlog grew over the window; -1 when Kafka did not say. */
  long backlogGrowth() {
    return backlogAtStart < 0 || backlogAtEnd < 0 ? -1 : backlogAtEnd - backlogAtStart;
  }

  String backlogNote() {
    long grew = backlogGrowth();
    if (grew < 0) {
      return "";
    }
    return grew <= 0
        ? " (the runner kept up: every accepted run's CPU is in it)"
        : " (the runner fell %d run requests behind: their runs' CPU is not in it)".formatted(grew);
  }
}
