package io.outrun.bench;

/**
 * How busy the stack JVM's JIT compiler threads (C1's and C2's, one group in {@link CpuShares})
 * were since the last reading. The benchmarks of a rate warm the stack up for a set time and then
 * on, a window at a time, while these threads still took more than {@value #SETTLED_PERCENT} % of
 * one core: how long C2 takes to settle under load moves from day to day on one machine
 * (docs/benchmarks.md, "The stack JVM"), and what is measured meanwhile is the compiler at work.
 */
final class JitCompiler {

  /** The seconds a warm-up goes on by at a time, and judges the compiler over. */
  static final int WINDOW_SECONDS = 10;

  /** The compiler threads' share of one core under which the stack counts as compiled. */
  static final double SETTLED_PERCENT = 15;

  /** HotSpot's "C1 CompilerThread0", "C2 CompilerThread0"... as /proc names them, grouped. */
  private static final String THREADS = CpuShares.group("C2 CompilerThre");

  private final CpuShares cpu;
  private CpuShares.Snapshot last;

  JitCompiler(CpuShares cpu) {
    this.cpu = cpu;
    this.last = cpu.snapshot();
  }

  /**
   * What the compiler threads took since the last reading (or since this was made), in percent of
   * one core; NaN when not known.
   */
  double percentSinceLastReading() {
    CpuShares.Snapshot now = cpu.snapshot();
    double percent = cpu.groupPercent(last, now, THREADS);
    last = now;
    return percent;
  }

  /**
   * Seconds more of warm-up after {@code warmed}: a window more while the compiler threads took
   * more than {@link #SETTLED_PERCENT} of one core over the last one ({@code percent}), up to
   * {@code maxSeconds} in all; 0 to stop, also when their CPU is unknown.
   */
  static int extension(int warmed, int maxSeconds, int window, double percent) {
    if (Double.isNaN(percent) || percent <= SETTLED_PERCENT) {
      return 0;
    }
    return Math.max(0, Math.min(window, maxSeconds - warmed));
  }

  /**
   * What a warm-up of {@code seconds} ({@code option}) and at most {@code maxSeconds} ({@code
   * maxOption}) did about the compiler, having gone on for {@code warmed} in all, as one line.
   */
  static String settling(
      String option, int seconds, String maxOption, int maxSeconds, int warmed, double percent) {
    if (Double.isNaN(percent)) {
      return "warm-up: %d s; the compiler's CPU is unknown (no stack process found here)"
          .formatted(warmed);
    }
    String last =
        "the JIT compiler's threads took %.0f %% of one core in its last window".formatted(percent);
    if (percent > SETTLED_PERCENT) {
      return ("warm-up: %d s, %s; %s, above the %.0f %% it waits for, so what follows measures"
              + " the compiler at work")
          .formatted(
              warmed,
              maxSeconds > seconds
                  ? "the most " + maxOption + " allows"
                  : "fixed (" + maxOption + ")",
              last,
              SETTLED_PERCENT);
    }
    return warmed > seconds
        ? "warm-up: %d s in all, %d s beyond %s, until %s (at most %.0f %%)"
            .formatted(warmed, warmed - seconds, option, last, SETTLED_PERCENT)
        : "warm-up: %d s; %s".formatted(warmed, last);
  }

  /**
   * A warm-up that goes on a window at a time while the compiler is busy, judged by its last
   * window, up to {@code maxSeconds} in all: a saturation phase's ({@link WebhookLoad.Warmup}), and
   * the one {@link PhaseRunner} and {@link JitWarmup} offer a rate for. {@link #lastWindowStarts} a
   * window before the set warm-up ends, then {@link #more} at each end.
   */
  static final class UntilSettled implements WebhookLoad.Warmup {

    private final JitCompiler compiler;
    private final int maxSeconds;
    private final int window;
    private double lastPercent = Double.NaN;
    private int warmed;

    UntilSettled(CpuShares cpu, int maxSeconds, int window) {
      this.compiler = new JitCompiler(cpu);
      this.maxSeconds = maxSeconds;
      this.window = window;
    }

    @Override
    public int lastWindowSeconds() {
      return window;
    }

    @Override
    public void lastWindowStarts() {
      compiler.percentSinceLastReading();
    }

    @Override
    public int more(int warmedSoFar) {
      lastPercent = compiler.percentSinceLastReading();
      int more = extension(warmedSoFar, maxSeconds, window, lastPercent);
      warmed = warmedSoFar + more;
      return more;
    }

    /** {@link JitCompiler#settling} of this warm-up, once over. */
    String settling(String option, int seconds, String maxOption) {
      return JitCompiler.settling(option, seconds, maxOption, maxSeconds, warmed, lastPercent);
    }
  }
}
