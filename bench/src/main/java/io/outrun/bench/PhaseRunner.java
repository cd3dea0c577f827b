package io.outrun.bench;

import io.outrun.bench.RunLedger.Counts;
import io.outrun.bench.RunLedger.Ended;
import io.outrun.bench.RunLedger.Phase;
import io.outrun.bench.ThroughputSummary.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One phase: offers a rate for a while, prints a line per window while it does, then waits for the
 * backlog to drain. Windows are timed from the phase's start, so they line up with the offered
 * load.
 */
final class PhaseRunner {

  private static final String HEADER =
      "  %-12s %9s %10s %11s %8s %6s %5s %8s %8s %9s %9s %11s %7s"
          .formatted(
              "window",
              "offered/s",
              "accepted/s",
              "completed/s",
              "backlog",
              "errors",
              "shed",
              "p50 ms",
              "p99 ms",
              "stack cpu",
              "bench cpu",
              "machine cpu",
              "heap MB");
  private static final String ROW =
      "  %-12s %9.1f %10.1f %11.1f %8d %6d %5d %8.1f %8.1f %8.0f%% %8.0f%% %10.0f%% %7.0f%n";

  private final OpenLoopLoad load;
  private final RunLedger ledger;
  private final StackGauges gauges;
  private final RunCosts costs;
  private final CpuShares cpu;
  private final BenchOptions options;

  /** The measured windows, the backlog before them, seconds to drain (-1: it did not). */
  record Result(List<Window> measured, long backlogBefore, double drainSeconds, long rejected) {}

  PhaseRunner(
      OpenLoopLoad load,
      RunLedger ledger,
      StackGauges gauges,
      RunCosts costs,
      CpuShares cpu,
      BenchOptions options) {
    this.load = load;
    this.ledger = ledger;
    this.gauges = gauges;
    this.costs = costs;
    this.cpu = cpu;
    this.options = options;
  }

  Result run(int rate, int warmup, int seconds, Phase phase) throws InterruptedException {
    System.out.println(HEADER);
    Counts atStart = ledger.counts();
    RunCosts.Mark phaseStart = costs.mark(ledger.endedCount());
    long start = System.nanoTime();
    Thread offering = load.start(rate, warmup, seconds, phase);
    Mark mark = new Mark(start, atStart, ledger.endedCount());
    if (warmup > 0) {
      mark = window("warm-up", mark, start + seconds(warmup)).mark();
    }
    long backlogBefore = mark.counts().backlog();
    RunCosts.Mark measuredStart = costs.mark(mark.ended());
    List<Window> measured = new ArrayList<>();
    mark = windows("", mark, start + seconds(warmup), seconds, measured);
    RunCosts.Mark measuredEnd = costs.mark(mark.ended());
    offering.join();
    double drain = drain(mark);
    System.out.println("measured windows, " + costs.between(measuredStart, measuredEnd));
    System.out.println(
        "whole phase (warm-up and drain too), "
            + costs.between(phaseStart, costs.mark(ledger.endedCount())));
    return new Result(measured, backlogBefore, drain, ledger.counts().minus(atStart).rejected());
  }

  /**
   * Offers {@code rate} without measuring, a row per window, for {@code seconds}, and on for a
   * window at a time while the JIT compiler is still busy ({@link JitCompiler}), up to {@code
   * maxSeconds} in all; then waits for the backlog to drain, so the phases after it find the
   * stack's hot paths compiled and no queue. Prints what a run cost over it: the compiler's threads
   * among the rest. False when the backlog did not drain within {@code --drain}: a phase after it
   * would measure that backlog.
   */
  boolean warmUp(int rate, int seconds, int maxSeconds) throws InterruptedException {
    System.out.println(HEADER);
    Counts atStart = ledger.counts();
    RunCosts.Mark start = costs.mark(ledger.endedCount());
    long startNanos = System.nanoTime();
    Thread offering = load.start(rate, seconds, 0, Phase.WARMUP);
    Mark mark = new Mark(startNanos, atStart, ledger.endedCount());
    JitCompiler.UntilSettled warmup =
        new JitCompiler.UntilSettled(cpu, maxSeconds, options.window());
    int offered = seconds;
    for (int until = 0; until < offered; ) {
      until = Math.min(until + options.window(), offered);
      mark = window("jit " + until + " s", mark, startNanos + seconds(until)).mark();
      if (until == offered) {
        int more = warmup.more(offered);
        if (more > 0) {
          offering.join();
          offering = load.start(rate, more, 0, Phase.WARMUP);
          offered += more;
        }
      } else if (until + options.window() >= offered) {
        warmup.lastWindowStarts(); // the next window ends the warm-up as set so far
      }
    }
    offering.join();
    System.out.println("JIT " + warmup.settling("--jit-warmup", seconds, "--jit-warmup-max"));
    boolean drained = drain(mark) >= 0;
    System.out.println("JIT warm-up, " + costs.between(start, costs.mark(ledger.endedCount())));
    return drained;
  }

  /**
   * Prints a row per {@code --window} over {@code seconds} from {@code startNanos}, labelled by the
   * seconds since then after {@code prefix}, adding each window to {@code windows}; returns the
   * last mark.
   */
  private Mark windows(String prefix, Mark mark, long startNanos, int seconds, List<Window> windows)
      throws InterruptedException {
    for (int end = options.window(); end < seconds + options.window(); end += options.window()) {
      int until = Math.min(end, seconds);
      Printed printed = window(prefix + until + " s", mark, startNanos + seconds(until));
      windows.add(printed.window());
      mark = printed.mark();
    }
    return mark;
  }

  /** Waits for every request to be answered and every accepted run to end, printing windows. */
  private double drain(Mark mark) throws InterruptedException {
    long stopped = System.nanoTime();
    long deadline = stopped + seconds(options.drain());
    long nextRow = mark.nanos() + seconds(options.window());
    while (!settled(ledger.counts())) {
      if (System.nanoTime() > deadline) {
        window("drain", mark, System.nanoTime());
        return -1;
      }
      if (System.nanoTime() >= nextRow) {
        mark = window("drain", mark, nextRow).mark();
        nextRow += seconds(options.window());
      }
      Thread.sleep(10);
    }
    double drained = (System.nanoTime() - stopped) / 1e9;
    window("drained", mark, System.nanoTime());
    return drained;
  }

  private static boolean settled(Counts counts) {
    return counts.accepted() + counts.rejected() + counts.shed() == counts.offered()
        && counts.backlog() == 0;
  }

  private record Mark(long nanos, Counts counts, int ended) {}

  private record Printed(Window window, Mark mark) {}

  /** Sleeps until {@code endNanos}, then prints what happened since {@code from}. */
  private Printed window(String label, Mark from, long endNanos) throws InterruptedException {
    long wait = endNanos - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
    Counts now = ledger.counts();
    List<Ended> ended = ledger.endedSince(from.ended());
    Mark mark = new Mark(System.nanoTime(), now, from.ended() + ended.size());
    Window window =
        new Window((mark.nanos() - from.nanos()) / 1e9, now.minus(from.counts()), now.backlog());
    Percentiles latency =
        Percentiles.of(
            ended.stream()
                .filter(Ended::completed)
                .map(run -> run.requestToEndNanos() / 1e6)
                .toList());
    StackGauges.Sample gauge = gauges.last();
    System.out.printf(
        ROW,
        label,
        window.perSecond(window.delta().offered()),
        window.perSecond(window.delta().accepted()),
        window.perSecond(window.delta().completed()),
        window.backlogAtEnd(),
        window.delta().errors(),
        window.delta().shed(),
        latency.p50(),
        latency.p99(),
        gauge.stackCpu(),
        gauge.benchCpu(),
        gauge.machineCpu(),
        gauge.heapMb());
    return new Printed(window, mark);
  }

  private static long seconds(int seconds) {
    return TimeUnit.SECONDS.toNanos(seconds);
  }
}
