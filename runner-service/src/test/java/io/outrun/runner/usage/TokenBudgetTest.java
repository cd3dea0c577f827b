package io.outrun.runner.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TokenBudgetTest {

  @Test
  void allowsCallsWhileTheRunIsBelowItsBudget() {
    assertThat(TokenBudget.allows(0, OptionalLong.of(1_000))).isTrue();
    assertThat(TokenBudget.allows(999, OptionalLong.of(1_000))).isTrue();
    assertThat(TokenBudget.allows(1_000, OptionalLong.of(1_000))).isFalse();
    assertThat(TokenBudget.allows(5_000, 1_000L)).isFalse();
    assertThat(TokenBudget.allows(5_000, OptionalLong.empty())).isTrue();
    assertThat(TokenBudget.allows(5_000, (Long) null)).isTrue();
    assertThat(TokenBudget.exhaustedMessage(1_000))
        .isEqualTo("budget of 1000 tokens per run exhausted");
  }

  @Test
  void readsTheBudgetFromWorkflowSettings() {
    assertThat(TokenBudget.maxTokensPerRun(Map.of("budget", Map.of("maxTokensPerRun", 500))))
        .hasValue(500);
    assertThat(TokenBudget.maxTokensPerRun(Map.of("timeoutMs", 1000))).isEmpty();
    assertThat(TokenBudget.maxTokensPerRun(null)).isEmpty();
    assertThatThrownBy(
            () -> TokenBudget.maxTokensPerRun(Map.of("budget", Map.of("maxTokensPerRun", -1))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> TokenBudget.maxTokensPerRun(Map.of("budget", Map.of("maxTokensPerRun", "x"))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
