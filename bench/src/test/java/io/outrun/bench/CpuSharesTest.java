package io.outrun.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class CpuSharesTest {

  @Test
  void threadsDifferingOnlyByNumberAreOneGroup() {
    assertThat(CpuShares.group("reactor-http-epoll-3")).isEqualTo("reactor-http-epoll");
    assertThat(CpuShares.group("GC Thread#1")).isEqualTo("GC Thread");
    assertThat(CpuShares.group("parallel-12")).isEqualTo("parallel");
    assertThat(CpuShares.group("VM Thread")).isEqualTo("VM Thread");
    assertThat(CpuShares.group("42")).isEqualTo("42");
  }

  @Test
  void thisProcessIsReadFromProcOnLinux() throws InterruptedException {
    CpuShares shares =
        CpuShares.find(Map.of("OUTRUN_BENCH_STACK_PID", "" + ProcessHandle.current().pid()));
    if (!shares.available()) {
      return; // not Linux: nothing to read
    }
    CpuShares.Snapshot from = shares.snapshot();
    double[] sink = {0};
    CountDownLatch spun = new CountDownLatch(1);
    CountDownLatch read = new CountDownLatch(1);
    // a thread the JVM names in the kernel too (a launcher's main thread is "java"), alive until
    // read: an ended thread's CPU is no longer in /proc
    Thread spinner =
        Thread.ofPlatform()
            .name("cpu-spinner-1")
            .start(
                () -> {
                  sink[0] = spin(200_000_000L);
                  spun.countDown();
                  awaitQuietly(read);
                });
    spun.await();
    CpuShares.Snapshot to = shares.snapshot();
    read.countDown();
    spinner.join();
    CpuShares.Usage usage = shares.between(from, to);
    Map<String, Double> byGroup = shares.stackGroupMillis(from, to);

    assertThat(sink[0]).isPositive();
    // the spinner's group holds most of its 200 ms, and the groups add up to the whole
    assertThat(byGroup.get("cpu-spinner")).isGreaterThan(100.0);
    assertThat(byGroup.values().stream().mapToDouble(Double::doubleValue).sum())
        .isEqualTo(shares.stackCpuMillis(from, to));
    assertThat(from.benchThreads()).isNotEmpty();
    assertThat(usage.text()).contains("CPU (% of one core").contains("stack threads:");
    assertThat(usage.elsewhere()).isNotNaN();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Spins until this thread has used {@code cpuNanos} of CPU, however busy the machine is. */
  private static double spin(long cpuNanos) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long until = threads.getCurrentThreadCpuTime() + cpuNanos;
    double sink = 0;
    while (threads.getCurrentThreadCpuTime() < until) {
      sink += Math.sqrt(sink + 1);
    }
    return sink;
  }
}
