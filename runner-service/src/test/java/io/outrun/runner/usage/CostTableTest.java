package io.outrun.runner.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CostTableTest {

  private final CostTable table = CostTable.withDefaults(Map.of());

  @Test
  void pricesInputAndOutputTokensSeparatelyAndExactly() {
    // gpt-4o: 2.50 in, 10.00 out per million
    assertThat(table.cost("gpt-4o", 1_000, 500).orElseThrow()).isEqualByComparingTo("0.0075");
    assertThat(table.estimatedCost("gpt-4o", 1_000, 500)).isEqualTo(0.0075);
    // gpt-4.1-nano: 0.10 in, 0.40 out; 0.1 + 0.2 style sums stay exact
    assertThat(table.cost("gpt-4.1-nano", 1, 1).orElseThrow()).isEqualByComparingTo("0.0000005");
    assertThat(table.estimatedCost("gpt-4.1-nano", 3, 0)).isEqualTo(0.0000003);
  }

  @Test
  void datedVariantsUseTheLongestKnownPrefix() {
    assertThat(table.priceOf("gpt-4o-2024-08-06")).contains(ModelPrice.of("2.50", "10.00"));
    assertThat(table.priceOf("gpt-4o-mini-2024-07-18")).contains(ModelPrice.of("0.15", "0.60"));
    assertThat(table.priceOf("gpt-4.1-mini-2025-04-14")).contains(ModelPrice.of("0.40", "1.60"));
    assertThat(table.priceOf("GPT-4.1")).contains(ModelPrice.of("2.00", "8.00"));
    // an exact entry beats its prefix
    assertThat(table.priceOf("gpt-4o-2024-05-13")).contains(ModelPrice.of("5.00", "15.00"));
  }

  @Test
  void unknownModelsAndNonDashContinuationsAreUnpriced() {
    assertThat(table.priceOf("llama-3-70b")).isEmpty();
    assertThat(table.priceOf("gpt-4omega")).isEmpty();
    assertThat(table.priceOf(null)).isEmpty();
    assertThat(table.estimatedCost("llama-3-70b", 1_000, 1_000)).isZero();
  }

  @Test
  void configuredPricesAddToAndReplaceTheDefaults() {
    CostTable custom =
        CostTable.withDefaults(
            Map.of("gpt-4o", ModelPrice.of("1", "2"), "my-model", ModelPrice.of("3", "4")));
    assertThat(custom.estimatedCost("gpt-4o-2024-11-20", 1_000_000, 1_000_000)).isEqualTo(3.0);
    assertThat(custom.estimatedCost("my-model", 500_000, 0)).isEqualTo(1.5);
    assertThat(custom.priceOf("gpt-4.1")).contains(ModelPrice.of("2.00", "8.00"));
  }
}
