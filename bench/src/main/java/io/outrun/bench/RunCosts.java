package io.outrun.bench;

import java.util.Comparator;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What a run costs the stack: MongoDB commands ({@link ServerCommands}), the stack process's CPU
 * ({@link CpuShares}, from {@code /proc}) and the heap it allocated ({@link
 * PrometheusText#heapAllocated}: what the garbage collector has to work through) between two marks,
 * divided by the runs that ended in between. Steadier than rates on a shared machine, since other
 * processes' load slows the stack but does not change what a run costs it.
 */
final class RunCosts {

  private static final int THREAD_GROUPS = 10;

  private final ServerCommands commands;
  private final CpuShares cpu;
  private final Supplier<String> prometheus;

  /**
   * {@code prometheus}: the stack JVM's Prometheus text, or null ({@link PrometheusText#scraper}).
   */
  RunCosts(ServerCommands commands, CpuShares cpu, Supplier<String> prometheus) {
    this.commands = commands;
    this.cpu = cpu;
    this.prometheus = prometheus;
  }

  /** A reading now; {@code ended} is how many runs have ended so far. */
  Mark mark(long ended) {
    return new Mark(
        ended, safely(), cpu.snapshot(), PrometheusText.heapAllocated(prometheus.get()));
  }

  /** {@code heapAllocated}: bytes, NaN when unknown. */
  record Mark(
      long ended, Map<String, Long> commands, CpuShares.Snapshot cpu, double heapAllocated) {}

  /** The costs per run ended between {@code from} and {@code to}, as one line. */
  String between(Mark from, Mark to) {
    long runs = to.ended() - from.ended();
    if (runs <= 0) {
      return "per run: no run ended";
    }
    Map<String, Long> delta =
        to.commands().entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey,
                    e -> e.getValue() - from.commands().getOrDefault(e.getKey(), 0L)));
    long total = delta.values().stream().mapToLong(Long::longValue).sum();
    String byName =
        delta.entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
            .limit(8)
            .map(e -> "%s %.2f".formatted(e.getKey(), (double) e.getValue() / runs))
            .collect(Collectors.joining(", "));
    double cpuMs = cpu.stackCpuMillis(from.cpu(), to.cpu());
    double allocated = to.heapAllocated() - from.heapAllocated();
    return "per run (%d ended): %s MongoDB commands%s, stack CPU %s, heap allocated %s%s"
        .formatted(
            runs,
            to.commands().isEmpty() ? "?" : "%.2f".formatted((double) total / runs),
            byName.isEmpty() ? "" : " (" + byName + ")",
            Double.isNaN(cpuMs) ? "? ms" : "%.1f ms".formatted(cpuMs / runs),
            Double.isNaN(allocated) ? "? KB" : "%,.0f KB".formatted(allocated / 1024 / runs),
            byThread(from, to, runs));
  }

  /**
   * The stack's CPU per run by thread group, the largest first: where a run's milliseconds go
   * (event loops, the in-process MongoDB's workers and committer, Kafka, the garbage collector).
   */
  private String byThread(Mark from, Mark to, long runs) {
    Map<String, Double> groups = cpu.stackGroupMillis(from.cpu(), to.cpu());
    if (groups.isEmpty()) {
      return "";
    }
    return groups.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
        .limit(THREAD_GROUPS)
        .map(e -> "%s %.2f".formatted(e.getKey(), e.getValue() / runs))
        .collect(Collectors.joining(", ", "\n  stack CPU ms per run by thread: ", ""));
  }

  private Map<String, Long> safely() {
    try {
      return commands.stackSoFar();
    } catch (RuntimeException e) {
      return Map.of();
    }
  }
}
