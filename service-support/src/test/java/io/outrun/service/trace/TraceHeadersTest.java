package io.outrun.service.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceHeadersTest {

  @Test
  void wellFormedTraceparentNamesItsTraceId() {
    assertThat(TraceHeaders.traceIdOf("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
        .contains("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  @Test
  void malformedOrEmptyTraceparentNamesNoTrace() {
    assertThat(TraceHeaders.traceIdOf(null)).isEmpty();
    assertThat(TraceHeaders.traceIdOf("")).isEmpty();
    assertThat(TraceHeaders.traceIdOf("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"))
        .isEmpty();
    assertThat(TraceHeaders.traceIdOf("00-00000000000000000000000000000000-00f067aa0ba902b7-01"))
        .isEmpty();
    assertThat(TraceHeaders.traceIdOf("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"))
        .isEmpty();
    assertThat(TraceHeaders.traceIdOf("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\0"))
        .isEmpty();
    assertThat(TraceHeaders.traceIdOf("x".repeat(100_000))).isEmpty();
  }
}
