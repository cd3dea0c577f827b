package io.outrun.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where CPU went between two moments, from Linux's {@code /proc}: the whole machine, the stack's
 * process and this benchmark's, and the stack's threads grouped by name (digits dropped, so the
 * event loops {@code reactor-http-nio-1..n} are one line). Thread names are the kernel's, cut at 15
 * characters. Elsewhere than Linux it reports nothing.
 */
final class CpuShares {

  private static final double TICKS_PER_SECOND = 100; // USER_HZ on every Linux we run on
  private static final Path PROC = Path.of("/proc");

  private final OptionalLong stackPid;
  private final long benchPid = ProcessHandle.current().pid();

  private CpuShares(OptionalLong stackPid) {
    this.stackPid = stackPid;
  }

  /**
   * The stack is the process {@code OUTRUN_BENCH_STACK_PID} names (the script sets it for a stack
   * it started), else the only local stack ({@code LocalStack} or {@code BenchStack}) running.
   */
  static CpuShares find(Map<String, String> env) {
    return new CpuShares(stackPid(env));
  }

  /** The stack's process id, found as {@link #find} says; empty when it cannot tell. */
  static OptionalLong stackPid(Map<String, String> env) {
    String given = env.get("OUTRUN_BENCH_STACK_PID");
    if (given != null && !given.isBlank()) {
      return OptionalLong.of(Long.parseLong(given.trim()));
    }
    List<Long> stacks =
        ProcessHandle.allProcesses()
            .filter(p -> isStack(commandLine(p.pid())))
            .map(ProcessHandle::pid)
            .toList();
    return stacks.size() == 1 ? OptionalLong.of(stacks.getFirst()) : OptionalLong.empty();
  }

  private static boolean isStack(String commandLine) {
    return commandLine.contains("io.outrun.local.LocalStack")
        || commandLine.contains(BenchStack.class.getName());
  }

  boolean available() {
    return Files.isReadable(PROC.resolve("stat"));
  }

  /** A reading now. */
  Snapshot snapshot() {
    return new Snapshot(
        System.nanoTime(),
        machineBusyTicks(),
        stackPid.isPresent() ? threadTicks(stackPid.getAsLong()) : Map.of(),
        threadTicks(benchPid));
  }

  record Snapshot(
      long nanos,
      long machineBusyTicks,
      Map<Long, Thread> stackThreads,
      Map<Long, Thread> benchThreads) {}

  record Thread(String group, long ticks) {}

  /**
   * Between two readings, in percent of one core (so up to 200 % on two cores).
   *
   * @param elsewhere what neither the stack nor the benchmark used (other processes); NaN when
   *     unknown
   */
  record Usage(String text, double elsewhere) {}

  /** Between two readings, in percent of one core (so up to 200 % on two cores). */
  Usage between(Snapshot from, Snapshot to) {
    double seconds = (to.nanos() - from.nanos()) / 1e9;
    if (seconds <= 0 || !available()) {
      return new Usage("CPU: not available here", Double.NaN);
    }
    double machine = percent(to.machineBusyTicks() - from.machineBusyTicks(), seconds);
    Map<String, Long> stackGroups = groups(from.stackThreads(), to.stackThreads());
    double stack = percent(stackGroups.values().stream().mapToLong(Long::longValue).sum(), seconds);
    double bench =
        percent(
            groups(from.benchThreads(), to.benchThreads()).values().stream()
                .mapToLong(Long::longValue)
                .sum(),
            seconds);
    double elsewhere = Math.max(0, machine - stack - bench);
    StringBuilder text =
        new StringBuilder(
            "CPU (%% of one core, %d cores): machine %.0f%%, stack %s, load generator %.0f%%,"
                    .formatted(
                        Runtime.getRuntime().availableProcessors(),
                        machine,
                        stackPid.isPresent() ? "%.0f%%".formatted(stack) : "? (process not found)",
                        bench)
                + " everything else %.0f%%".formatted(elsewhere));
    if (!stackGroups.isEmpty()) {
      text.append("\n    stack threads:");
      stackGroups.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(10)
          .forEach(
              group ->
                  text.append(
                      " %s %.0f%%,".formatted(group.getKey(), percent(group.getValue(), seconds))));
      text.setLength(text.length() - 1);
    }
    return new Usage(text.toString(), stackPid.isPresent() ? elsewhere : Double.NaN);
  }

  /** The stack's CPU between two readings, in percent of one core; NaN when not known. */
  double stackPercent(Snapshot from, Snapshot to) {
    return groupPercent(from, to, null);
  }

  /**
   * The CPU of the stack's threads of one group (see {@link #group}) between two readings, in
   * percent of one core, or of all its threads for a null group; NaN when not known.
   */
  double groupPercent(Snapshot from, Snapshot to, String group) {
    double seconds = (to.nanos() - from.nanos()) / 1e9;
    if (stackPid.isEmpty() || seconds <= 0) {
      return Double.NaN;
    }
    long ticks =
        groups(from.stackThreads(), to.stackThreads()).entrySet().stream()
            .filter(g -> group == null || g.getKey().equals(group))
            .mapToLong(Map.Entry::getValue)
            .sum();
    return percent(ticks, seconds);
  }

  /** The stack's CPU time between two readings, in milliseconds; NaN when not known. */
  double stackCpuMillis(Snapshot from, Snapshot to) {
    if (stackPid.isEmpty() || !available()) {
      return Double.NaN;
    }
    return stackGroupMillis(from, to).values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /**
   * The stack's CPU time between two readings by thread group (see {@link #group}), in
   * milliseconds; empty when not known.
   */
  Map<String, Double> stackGroupMillis(Snapshot from, Snapshot to) {
    if (stackPid.isEmpty() || !available()) {
      return Map.of();
    }
    Map<String, Double> millis = new HashMap<>();
    groups(from.stackThreads(), to.stackThreads())
        .forEach((group, ticks) -> millis.put(group, ticks / TICKS_PER_SECOND * 1000));
    return millis;
  }

  private static double percent(long ticks, double seconds) {
    return ticks / TICKS_PER_SECOND / seconds * 100;
  }

  private static Map<String, Long> groups(Map<Long, Thread> from, Map<Long, Thread> to) {
    Map<String, Long> groups = new HashMap<>();
    to.forEach(
        (tid, thread) -> {
          Thread before = from.get(tid);
          long used = thread.ticks() - (before == null ? 0 : before.ticks());
          if (used > 0) {
            groups.merge(thread.group(), used, Long::sum);
          }
        });
    return groups;
  }

  private static long machineBusyTicks() {
    try {
      String[] cpu = Files.readAllLines(PROC.resolve("stat")).getFirst().trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < Math.min(cpu.length, 9); i++) {
        if (i != 4 && i != 5) { // idle, iowait
          busy += Long.parseLong(cpu[i]);
        }
      }
      return busy;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static Map<Long, Thread> threadTicks(long pid) {
    Map<Long, Thread> threads = new HashMap<>();
    try (Stream<Path> tasks = Files.list(PROC.resolve(String.valueOf(pid)).resolve("task"))) {
      for (Path task : tasks.toList()) {
        thread(task).ifPresent(t -> threads.put(Long.parseLong(task.getFileName().toString()), t));
      }
    } catch (IOException | RuntimeException e) {
      // the process ended, or no /proc: nothing to report
    }
    return threads;
  }

  private static Optional<Thread> thread(Path task) {
    try {
      String stat = Files.readString(task.resolve("stat"));
      int open = stat.indexOf('(');
      int close = stat.lastIndexOf(')');
      String name = stat.substring(open + 1, close);
      String[] fields = stat.substring(close + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
      return Optional.of(new Thread(group(name), ticks));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // the thread ended meanwhile
    }
  }

  /** "reactor-http-nio-2" and "reactor-http-nio-3" are one group. */
  static String group(String threadName) {
    String group = threadName.replaceAll("[0-9]+", "").replaceAll("[-_#. ]+$", "");
    return group.isEmpty() ? threadName : group;
  }

  /** The stack's JVM flags, as its command line shows them (Linux), else "unknown". */
  static String stackJvmFlags() {
    OptionalLong stack = stackPid(System.getenv());
    String flags =
        stack.isEmpty()
            ? ""
            : Stream.of(commandLine(stack.getAsLong()).split("\0"))
                .filter(arg -> arg.startsWith("-X"))
                .collect(Collectors.joining(" "));
    return flags.isEmpty() ? "unknown" : flags;
  }

  static String commandLine(long pid) {
    try {
      return Files.readString(PROC.resolve(String.valueOf(pid)).resolve("cmdline"));
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
