package io.outrun.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
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
  void thisProcessIsReadFromProcOnLinux() {
    CpuShares shares =
        CpuShares.find(Map.of("OUTRUN_BENCH_STACK_PID", "" + ProcessHandle.current().pid()));
    if (!shares.available()) {
      return; // not Linux: nothing to read
    }
    CpuShares.Snapshot from = shares.snapshot();
    long spin = System.nanoTime() + 200_000_000L;
    double sink = 0;
    while (System.nanoTime() < spin) {
      sink += Math.sqrt(sink + 1);
    }
    CpuShares.Usage usage = shares.between(from, shares.snapshot());

    assertThat(sink).isPositive();
    assertThat(from.benchThreads()).isNotEmpty();
    assertThat(usage.text()).contains("CPU (% of one core").contains("stack threads:");
    assertThat(usage.elsewhere()).isNotNaN();
  }
}
